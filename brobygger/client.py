"""Who is asking: the client's address, for the sign-in wait, the access log and rate limits."""

from django.conf import settings


def client_ip(request) -> str:
    """The client's address: behind nginx, the last TRUSTED_PROXY_COUNT hops of X-Forwarded-For are ours."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:45]
    return (request.META.get("REMOTE_ADDR") or "")[:45]
