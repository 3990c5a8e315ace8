from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.identity import check_no_cpr, check_no_identity

# A service not checked for this long is flagged to the coordinators.
STALE_AFTER = timedelta(days=365)


class Audience(models.TextChoices):
    WOMEN = "women", _("Women")
    MEN = "men", _("Men")
    TRANS = "trans", _("Trans people")
    YOUNG = "young", _("Young people (18-29)")
    MIGRANTS = "migrants", _("Migrants with legal residence")
    DRUG_USERS = "drug_users", _("People who use drugs")
    HOMELESS = "homeless", _("People without a home")
    EVERYONE = "everyone", _("Everyone")


class ServiceKind(models.TextChoices):
    """The kinds of service a worker refers someone to (a referral's target, courses.Referral.Target)."""

    JOB_CENTRE = "job_centre", _("Job centre")
    DRUG_TREATMENT = "drug_treatment", _("Drug treatment")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health")
    LEGAL_AID = "legal_aid", _("Legal aid")
    ANTI_TRAFFICKING = "anti_trafficking", _("Anti-trafficking centre")
    SOCIAL_SERVICES = "social_services", _("Social services")
    OTHER = "other", _("Other service")


class ServiceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, active=True)

    def stale(self, today=None):
        today = today or timezone.localdate()
        return self.filter(active=True).filter(Q(last_checked__isnull=True) | Q(last_checked__lt=today - STALE_AFTER))


class Service(models.Model):
    """A service, municipal or civil-society, that a worker can bridge someone to."""

    name = models.CharField(_("name"), max_length=160, unique=True, validators=[check_no_identity])
    provider = models.CharField(_("organisation"), max_length=160, validators=[check_no_identity],
                                help_text=_("Who runs the service, e.g. Københavns Kommune or Reden."))
    kind = models.CharField(_("kind of service"), max_length=20, choices=ServiceKind.choices,
                            default=ServiceKind.OTHER)
    offers = models.TextField(_("what it offers"), validators=[check_no_identity])
    anonymous = models.BooleanField(_("can be used anonymously"), default=False)
    languages = models.CharField(_("languages"), max_length=200, blank=True, validators=[check_no_identity],
                                 help_text=_("E.g. Danish, English, Romanian."))
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True, validators=[check_no_identity])
    place = models.CharField(_("place"), max_length=300, blank=True, validators=[check_no_identity],
                             help_text=_("An address or area, or 'mobile' / 'online'."))
    # The service's own public phone and e-mail belong here (the public directory shows them).
    contact = models.CharField(_("how to get in touch"), max_length=300, blank=True, validators=[check_no_cpr],
                               help_text=_("The service's own public contact: drop in, its website, its public phone."))
    website = models.URLField(_("website"), blank=True, validators=[check_no_cpr])
    last_checked = models.DateField(_("last checked"), null=True, blank=True)
    is_public = models.BooleanField(_("shown in the public directory"), default=True)
    active = models.BooleanField(_("active"), default=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ServiceKind.values), name="service_kind_valid"),
        ]

    def __str__(self):
        return f"{self.name} ({self.provider})"

    @property
    def audience_codes(self) -> list[str]:
        return [a.audience for a in self.audiences.all()]

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[c] for c in self.audience_codes if c in labels]

    def is_stale(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.last_checked is None or self.last_checked < today - STALE_AFTER


class ServiceAudience(models.Model):
    """One group a service is for."""

    service = models.ForeignKey(Service, models.CASCADE, related_name="audiences")
    audience = models.CharField(_("for whom"), max_length=20, choices=Audience.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "audience"], name="service_audience_unique"),
            models.CheckConstraint(condition=Q(audience__in=Audience.values), name="service_audience_valid"),
        ]

    def __str__(self):
        return self.get_audience_display()
