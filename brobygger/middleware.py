from django.utils.cache import add_never_cache_headers, patch_cache_control


class NoStoreMiddleware:
    """Nothing a signed-in worker or a citizen sees may stay in a browser or proxy cache.

    Every HTML page is `no-store`; static files (served by WhiteNoise before this) keep
    their own long cache headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


class DanishByDefaultMiddleware:
    """Danish unless the person chose another language with the switcher (a cookie).

    The browser's Accept-Language is ignored: a worker on an English-language browser
    still meets the Danish system first, as on other Danish public services.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
