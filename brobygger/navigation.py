"""The main menu. Each app adds its own entries in its AppConfig.ready(), so apps stay apart."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    order: int
    url_name: str
    text: str  # a lazy translation
    visible: Callable  # user -> bool


_ITEMS: dict[str, NavItem] = {}


def register(order: int, url_name: str, text, visible: Callable) -> None:
    _ITEMS[url_name] = NavItem(order, url_name, text, visible)


def links_for(request) -> list[dict]:
    user = request.user
    links = []
    for item in sorted(_ITEMS.values(), key=lambda i: i.order):
        if not item.visible(user):
            continue
        url = reverse(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        links.append({"url": url, "text": item.text, "current": current})
    return links
