import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from .services import STARTED_KEY

DEFAULT_ABSOLUTE_SECONDS = 12 * 60 * 60


class SessionLimitsMiddleware:
    """A session ends 12 hours after sign-in, however active (the 30 idle minutes are the cookie age)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(STARTED_KEY)
            limit = getattr(settings, "SESSION_ABSOLUTE_SECONDS", DEFAULT_ABSOLUTE_SECONDS)
            if started is None or time.time() - started > limit:
                logout(request)
                return redirect_to_login(request.path)
        return self.get_response(request)
