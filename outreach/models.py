"""Anonymous outreach: contacts, cards, health-room visits and group activities.

Nothing here says who a person is. A card holds a short random code that lets the
project count unique people and repeat visits; the code is derived from nothing.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger import agebands
from brobygger.identity import check_no_identity
from courses.models import CODE_ALPHABET, Gender, Referral

CARD_CODE_LENGTH = 6
# 31^6 ≈ 887 million codes: a guessed code is very unlikely to be a real card.


def new_card_code() -> str:
    """Six random characters shown as ABC-234: easy to read aloud and type on a phone."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CARD_CODE_LENGTH))
    return f"{raw[:3]}-{raw[3:]}"


def normalise_card_code(value: str) -> str:
    """What a worker types ("abc 234", "abc234") to the stored form ABC-234."""
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if len(raw) != CARD_CODE_LENGTH:
        return raw
    return f"{raw[:3]}-{raw[3:]}"


class Topic(models.Model):
    """What was talked about: a list each project keeps (data, not code)."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="outreach_topics")
    name = models.CharField(_("name"), max_length=80, validators=[check_no_identity])
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="topic_unique_name_per_project")]

    def __str__(self):
        return self.name


class CardBatch(models.Model):
    """A printed sheet of cards."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="card_batches")
    size = models.PositiveSmallIntegerField(_("number of cards"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("card batch")
        verbose_name_plural = _("card batches")
        constraints = [models.CheckConstraint(condition=Q(size__gte=1, size__lte=200), name="card_batch_size_range")]

    def __str__(self):
        return f"{self.size} · {self.created_at:%Y-%m-%d}"


class Card(models.Model):
    """A card with a random code, handed to a person who wants one. Knows nothing about them.

    If the person later wants a registered course, a coordinator may link the card to it
    at their request, so their earlier anonymous contacts count towards that course.
    """

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="cards")
    batch = models.ForeignKey(CardBatch, models.CASCADE, related_name="cards")
    code = models.CharField(_("card code"), max_length=8)
    course = models.ForeignKey("courses.Course", models.SET_NULL, null=True, blank=True, related_name="outreach_cards",
                               verbose_name=_("linked course"))
    linked_on = models.DateField(_("linked on"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("card")
        verbose_name_plural = _("cards")
        constraints = [models.UniqueConstraint(fields=["project", "code"], name="card_unique_code_per_project")]

    def __str__(self):
        return self.code


class OutreachContact(models.Model):
    """One anonymous talk with one person at a site."""

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="outreach_contacts")
    site = models.ForeignKey("projects.Site", models.PROTECT, related_name="outreach_contacts", verbose_name=_("site"))
    at = models.DateTimeField(_("date and time"))
    # The local date of `at`, kept so counts per day and week group on an indexed column.
    date = models.DateField(_("date"), editable=False)
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="outreach_contacts", blank=True,
                                   verbose_name=_("staff present"))
    topics = models.ManyToManyField(Topic, through="ContactTopic", related_name="contacts", blank=True,
                                    verbose_name=_("topics"))
    information_given = models.BooleanField(_("information given"), default=False)
    referral_target = models.CharField(_("referred to"), max_length=20, choices=Referral.Target.choices, blank=True)
    # The service chosen from the directory; `referral_target` (its kind, for the counts) follows from it.
    referral_service = models.ForeignKey("directory.Service", models.SET_NULL, null=True, blank=True,
                                         related_name="outreach_contacts", verbose_name=_("referred to service"))
    appointment_booked = models.BooleanField(_("appointment booked"), default=False)
    accompanied = models.BooleanField(_("accompanied"), default=False)
    card = models.ForeignKey(Card, models.SET_NULL, null=True, blank=True, related_name="contacts",
                             verbose_name=_("card"))
    age_band = models.CharField(_("age band"), max_length=5, choices=agebands.CHOICES, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    note = models.CharField(_("short note"), max_length=300, blank=True, validators=[check_no_identity])
    # Made on the phone (crypto.randomUUID()) when the record is saved, online or offline: a repeat
    # with the same id (a retry, a second tab, a replayed queue) is the same record, never a new one.
    client_id = models.UUIDField(_("id from the phone"), null=True, blank=True, editable=False)
    organisation = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("outreach contact")
        verbose_name_plural = _("outreach contacts")
        indexes = [
            models.Index(fields=["project", "date"], name="contact_project_date"),
            models.Index(fields=["project", "site", "date"], name="contact_project_site_date"),
            models.Index(fields=["card", "date"], name="contact_card_date"),
        ]
        constraints = [models.UniqueConstraint(fields=["client_id"], name="contact_unique_client_id")]

    def __str__(self):
        return f"{self.site} {self.at:%Y-%m-%d %H:%M}"


class ContactTopic(models.Model):
    """A topic discussed in a contact, with the contact's project and date copied in.

    The copies let the follow-up count topics for a period from one index
    (project, date, topic) without joining the contacts.
    """

    contact = models.ForeignKey(OutreachContact, models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(Topic, models.PROTECT, related_name="contact_links")
    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="+")
    date = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["contact", "topic"], name="contacttopic_unique")]
        indexes = [models.Index(fields=["project", "date", "topic"], name="contacttopic_project_date")]

    def __str__(self):
        return f"{self.topic} ({self.date})"


class HealthRoomVisit(models.Model):
    """A visit to the health room: what was used, nothing about who."""

    USES = ("bath", "toilet", "hygiene_products", "rest", "health_support", "social_support")

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="health_room_visits")
    at = models.DateTimeField(_("date and time"))
    date = models.DateField(_("date"), editable=False)
    bath = models.BooleanField(_("bath"), default=False)
    toilet = models.BooleanField(_("toilet"), default=False)
    hygiene_products = models.BooleanField(_("hygiene products"), default=False)
    rest = models.BooleanField(_("rest"), default=False)
    health_support = models.BooleanField(_("health support"), default=False)
    social_support = models.BooleanField(_("social support"), default=False)
    card = models.ForeignKey(Card, models.SET_NULL, null=True, blank=True, related_name="health_room_visits",
                             verbose_name=_("card"))
    client_id = models.UUIDField(_("id from the phone"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("health-room visit")
        verbose_name_plural = _("health-room visits")
        indexes = [models.Index(fields=["project", "date"], name="healthvisit_project_date")]
        constraints = [models.UniqueConstraint(fields=["client_id"], name="healthvisit_unique_client_id")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M}"


class GroupActivity(models.Model):
    """A business course, social activity, talk for professionals or network meeting."""

    class Kind(models.TextChoices):
        BUSINESS_COURSE = "business_course", _("Business course")
        SOCIAL = "social", _("Social activity")
        PROFESSIONAL_TALK = "professional_talk", _("Talk for professionals")
        NETWORK_MEETING = "network_meeting", _("Network meeting")

    project = models.ForeignKey("projects.Project", models.CASCADE, related_name="group_activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, validators=[check_no_identity])
    organiser = models.ForeignKey("projects.Organisation", models.PROTECT, related_name="+",
                                  verbose_name=_("organiser"))
    topic = models.CharField(_("topic"), max_length=200, validators=[check_no_identity])
    attendance = models.PositiveIntegerField(_("attendance"))
    courses = models.ManyToManyField("courses.Course", related_name="group_activities", blank=True,
                                     verbose_name=_("registered citizens' courses"))
    client_id = models.UUIDField(_("id from the phone"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("group activity")
        verbose_name_plural = _("group activities")
        indexes = [models.Index(fields=["project", "kind", "date"], name="activity_project_kind_date")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["business_course", "social", "professional_talk",
                                                         "network_meeting"]), name="activity_kind_valid"),
            models.CheckConstraint(condition=Q(attendance__lte=10000), name="activity_attendance_plausible"),
            models.UniqueConstraint(fields=["client_id"], name="activity_unique_client_id"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date}"
