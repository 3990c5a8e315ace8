
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from brobygger.identity import check_no_identity


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("Municipal unit")
        NGO = "ngo", _("NGO / civil society")
        NATIONAL = "national", _("National agency")

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[check_no_identity])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Project(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True, validators=[check_no_identity])
    slug = models.SlugField(_("short name"), max_length=50, unique=True, validators=[check_no_identity])
    code_prefix = models.CharField(
        _("prefix of course ids"),
        max_length=4,
        help_text=_("2-4 capital letters put before every course id, e.g. KBH gives KBH-7QF3."),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, models.PROTECT, related_name="led_projects", verbose_name=_("lead organisation"), null=True
    )
    partners = models.ManyToManyField(
        Organisation, related_name="partner_projects", blank=True, verbose_name=_("partner organisations")
    )
    description = models.TextField(_("description"), blank=True, validators=[check_no_identity])
    who5_interval_months = models.PositiveSmallIntegerField(
        _("months between WHO-5 measurements"), default=2
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years a closed course is kept"), default=5
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="project_end_not_before_start",
            ),
            models.CheckConstraint(condition=Q(who5_interval_months__gte=1), name="project_who5_interval_positive"),
        ]

    def __str__(self):
        return self.name

    def organisations(self):
        """The lead and partner organisations, the ones whose staff work in the project."""
        return Organisation.objects.filter(Q(pk=self.lead_organisation_id) | Q(partner_projects=self)).distinct()


class Site(models.Model):
    """A named place where work happens: H17, Reden, Mændenes Hjem, online..."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="sites")
    name = models.CharField(_("name"), max_length=120, validators=[check_no_identity])
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="site_unique_name_per_project")]

    def __str__(self):
        return self.name


class Intervention(models.Model):
    """An entry of a project's intervention catalogue.

    Records of received interventions keep the name they had when recorded, so
    renaming an entry here does not rewrite history.
    """

    project = models.ForeignKey(Project, models.CASCADE, related_name="interventions")
    name = models.CharField(_("name"), max_length=120, validators=[check_no_identity])
    description = models.TextField(_("description"), blank=True, validators=[check_no_identity])
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="intervention_unique_name_per_project")
        ]

    def __str__(self):
        return self.name
