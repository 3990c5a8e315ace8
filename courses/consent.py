"""The citizen's consent before information is passed on with a referral.

The rule: information may go to an organisation only while the citizen's consent to pass it on to
*that* organisation stands today (a withdrawal takes effect at once, whatever date a referral is
given), and only if the consent was given on or before the day the information went.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Consent

SHARES_INFORMATION_LABEL = _("Pass information about the citizen on to")
SHARES_INFORMATION_HELP = _(
    "Only organisations the citizen has consented to information being passed on to are listed. "
    "Leave empty if no information about the citizen is passed on."
)
NO_SHARING_CHOICE = _("Nobody: nothing is passed on")
NO_CONSENT_MESSAGE = _(
    "The citizen has not consented (or has withdrawn consent) to information being passed on to this "
    "organisation with a referral. Record the consent on the course first, or make the referral without "
    "passing information on."
)


def standing_referral_consents(course, *, on: date | None = None):
    """Consents to pass information on that stand today, optionally only those given by `on`.

    "Today" is the database's state now: a withdrawn consent is withdrawn, whatever its date.
    """
    consents = course.consents.filter(scope=Consent.Scope.REFERRAL, withdrawn_on__isnull=True)
    if on is not None:
        consents = consents.filter(given_on__lte=on)
    return consents


def referral_consent(course, organisation, on: date, *, lock: bool = False):
    """The standing consent under which information may go to `organisation` on `on`, or None."""
    consents = standing_referral_consents(course, on=on).filter(organisation=organisation)
    if lock:  # a withdrawal saved at the same moment waits for the referral, or the referral sees it
        consents = consents.select_for_update()
    return consents.order_by("given_on", "pk").first()


def require_referral_consent(course, organisation, on: date, *, lock: bool = False):
    consent = referral_consent(course, organisation, on, lock=lock) if organisation is not None else None
    if consent is None:
        raise ValidationError({"shared_with": NO_CONSENT_MESSAGE}, code="no_consent")
    return consent
