from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from . import log


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "META"):
        log.record(request, action=log.Action.SIGN_IN, user=user)


@receiver(user_logged_out, dispatch_uid="audit_sign_out")
def signed_out(sender, request, user, **kwargs):
    if user is not None and request is not None:
        log.record(request, action=log.Action.SIGN_OUT, user=user)
