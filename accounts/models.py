from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff user. Citizens never have users: they are pseudonymous courses."""

    is_demo = models.BooleanField(
        _("demo user"), default=False, help_text=_("Created by seed_demo; may skip the second factor on a DEBUG server.")
    )

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def active_memberships(self):
        return list(self.memberships.select_related("organisation", "project"))

    def memberships_in(self, project):
        return [m for m in self.active_memberships if m.project_id == project.pk]

    @property
    def is_administrator(self) -> bool:
        return any(m.role == Membership.Role.ADMINISTRATOR for m in self.active_memberships)

    @staticmethod
    def role_labels() -> dict:
        """Role code -> its name in the current language (for the access log, which stores codes)."""
        return dict(Membership.Role.choices)

    def projects_where(self, capability: str):
        """Ids of the projects in which one of the user's roles has `capability`."""
        return {m.project_id for m in self.active_memberships if m.project_id and getattr(m, capability)}


class Membership(models.Model):
    """A user's role within a project, on behalf of one organisation."""

    class Role(models.TextChoices):
        OUTREACH = "outreach", _("Outreach worker")
        CASEWORKER = "caseworker", _("Caseworker")
        COORDINATOR = "coordinator", _("Coordinator")
        ANALYST = "analyst", _("Analyst")
        ADMINISTRATOR = "administrator", _("Administrator")
        LEARNER = "learner", _("Learner")

    # Roles that are not tied to one project.
    GLOBAL_ROLES = (Role.ADMINISTRATOR, Role.LEARNER)

    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="memberships")
    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="memberships", null=True, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "project", "role"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["administrator", "learner"], project__isnull=True)
                | (~Q(role__in=["administrator", "learner"]) & Q(project__isnull=False)),
                name="membership_project_matches_role",
            ),
        ]

    def __str__(self):
        where = self.project or _("all projects")
        return f"{self.user} · {self.get_role_display()} · {self.organisation} · {where}"

    @classmethod
    def roles_with(cls, capability: str) -> list[str]:
        """The roles whose memberships have `capability`, for a database filter: the capability stays
        the one rule, asked of each role."""
        return [role for role in cls.Role.values if getattr(cls(role=role), capability)]

    # Capabilities: code asks these, never compares role names.
    @property
    def can_log_outreach(self) -> bool:
        return self.role in (self.Role.OUTREACH, self.Role.COORDINATOR)

    @property
    def starts_at_the_contact_form(self) -> bool:
        """The home page puts "Log a contact" first: the outreach worker's day is on the street, on a phone."""
        return self.role == self.Role.OUTREACH

    @property
    def can_see_courses(self) -> bool:
        return self.role in (self.Role.CASEWORKER, self.Role.COORDINATOR)

    @property
    def sees_all_courses(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def can_break_glass(self) -> bool:
        """Open a course of the project outside one's scope in an emergency, with a reason, for hours."""
        return self.role == self.Role.CASEWORKER

    @property
    def can_see_reports(self) -> bool:
        return self.role in (self.Role.COORDINATOR, self.Role.ANALYST)

    @property
    def can_manage_project(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def can_see_project(self) -> bool:
        return self.project_id is not None
