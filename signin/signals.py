import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import services
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
