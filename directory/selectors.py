"""Reads of the directory shared by the staff page, the public page and other apps' forms."""

from django.db.models import Q

from .models import Service


def search_services(queryset=None, *, q: str = "", audience: str = "", kind: str = "", anonymous: bool = False):
    services = (queryset if queryset is not None else Service.objects.filter(active=True)).prefetch_related("audiences")
    if q:
        services = services.filter(
            Q(name__icontains=q) | Q(provider__icontains=q) | Q(offers__icontains=q) | Q(place__icontains=q)
            | Q(languages__icontains=q)
        )
    if audience:
        services = services.filter(Q(audiences__audience=audience) | Q(audiences__audience="everyone"))
    if kind:
        services = services.filter(kind=kind)
    if anonymous:
        services = services.filter(anonymous=True)
    return services.distinct()


def service_choices():
    """Active services for a form's ModelChoiceField (referral and outreach forms)."""
    return Service.objects.filter(active=True).order_by("name")
