"""Pages that other apps add sections to (the course page, the project page).

An app registers `(order, template, context_fn)` for a page in its AppConfig.ready();
the page's view renders every section whose context_fn returns a dict (None hides it).
This keeps, say, the WHO-5 part of the course page inside the wellbeing app.

Pages: "home" (obj = the signed-in user; shown first on the home page), "course" (obj = Course), "project" (obj = Project), "team_meeting" (obj = Project;
the team meeting view in budget sets request.meeting_since, a date: show what happened since),
"due_list" (obj = the signed-in user; the WHO-5 due list, where other scheduled measurements join).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Section:
    order: int
    template: str
    context: Callable  # (request, obj) -> dict | None


_SECTIONS: dict[str, dict[str, Section]] = {}


def register(page: str, order: int, template: str, context: Callable) -> None:
    _SECTIONS.setdefault(page, {})[template] = Section(order, template, context)


def render_sections(page: str, request, obj) -> list[str]:
    html = []
    for section in sorted(_SECTIONS.get(page, {}).values(), key=lambda s: s.order):
        context = section.context(request, obj)
        if context is not None:
            html.append(render_to_string(section.template, context, request=request))
    return html
