from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in through the web (which always has a request).

    `authenticate()` without a request (Django's test client `login`, management code) is no
    web sign-in and cannot be brute-forced from outside; django-axes would raise there, so it
    is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
