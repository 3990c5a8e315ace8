"""The citizen's consent before information is passed on with a referral."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

NO_CONSENT_MESSAGE = _(
    "The citizen has not consented (or has withdrawn consent) to information being passed on with a "
    "referral. Record the consent on the course first, or make the referral without passing information on."
)


def has_referral_consent(course, on: date) -> bool:
    from courses.models import Consent

    return course.consents.filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on),
        scope=Consent.Scope.REFERRAL, given_on__lte=on,
    ).exists()


def require_referral_consent(course, on: date) -> None:
    if not has_referral_consent(course, on):
        raise ValidationError(NO_CONSENT_MESSAGE, code="no_consent")
