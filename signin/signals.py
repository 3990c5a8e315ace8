import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from audit import log

from . import services
from .lockout import name_for_log
from .models import SignInSession


@receiver(user_logged_in, dispatch_uid="signin_session_started")
def session_started(sender, request, user, **kwargs):
    """Every sign-in (also Django's test client force_login) starts the 12-hour clock."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session.pop(services.PENDING_KEY, None)
    session[services.STARTED_KEY] = int(time.time())
    services.record_session(user, session)


@receiver(user_logged_out, dispatch_uid="signin_session_ended")
def session_ended(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignInSession.objects.filter(session_key=session.session_key).delete()


@receiver(post_save, dispatch_uid="signin_deactivated_user")
def deactivated_user(sender, instance, created, **kwargs):
    from django.contrib.auth import get_user_model

    if sender is get_user_model() and not created and not instance.is_active:
        services.end_all_sessions(instance)


@receiver(user_login_failed, dispatch_uid="signin_failure_logged")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    # A known account by its name; never what was typed for an unknown one (a CPR number, a
    # citizen's name): name_for_log gives a short keyed hash for it instead. The lock-outs
    # (waits) are logged by signin.lockout itself; audit.signals logs sign-ins and sign-outs.
    if request is not None:
        log.record(request, action=log.Action.SIGN_IN_FAILED, user=None,
                   username=name_for_log(str(credentials.get("username", ""))))
