from django.conf import settings

from .navigation import links_for


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_links": links_for(request) if user is not None and user.is_authenticated else [],
        "DEMO_MODE": settings.DEMO_MODE,
    }
