from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # A known account by its name; never what was typed for an unknown one (a CPR number, a
    # citizen's name): signin.lockout gives a short keyed hash for it instead. The lock-outs
    # (waits) are logged by signin.lockout itself.
    from signin.lockout import name_for_log

    if request is not None:
        log.record(request, action=log.Action.SIGN_IN_FAILED, user=None,
                   username=name_for_log(str(credentials.get("username", ""))))
