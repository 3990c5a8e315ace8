import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LogoutView
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from brobygger.access import administrator_required
from brobygger.accesslog import Kind, logged_as

from . import lockout, services
from .forms import CodeForm, EnrolForm, LiftWaitForm, PasswordForm
from .models import SignInSession

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request, value) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return reverse(settings.LOGIN_REDIRECT_URL)


def _pending_user(request):
    """The user who passed the password step in the last five minutes, if any."""
    pending = request.session.get(services.PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > services.PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()


def _finish(request, user):
    target = _safe_next(request, request.session.get(services.PENDING_KEY, {}).get("next"))
    lockout.record_success(request, user=user)
    login(request, user, backend=BACKEND)  # changes the session key
    return redirect(target)


def _lockout_response(request, seconds: int):
    minutes = max(1, -(-seconds // 60))
    response = render(request, "signin/locked.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    return response


@logged_as(Kind.NOT_LOGGED)
@login_not_required
@sensitive_post_parameters("password")
def password_step(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST":
        # While this account (or name) waits at this address, the password is not even checked.
        wait = lockout.wait_seconds(request, username=request.POST.get("username", ""))
        if wait:
            return _lockout_response(request, wait)
    form = PasswordForm(request, data=request.POST or None)
    if request.method == "POST" and not form.is_valid():
        if form.has_error(NON_FIELD_ERRORS, "invalid_login") or form.has_error(NON_FIELD_ERRORS, "inactive"):
            wait = lockout.record_failure(request, username=request.POST.get("username", ""))
            if wait:
                return _lockout_response(request, wait)
    elif request.method == "POST":
        user = form.get_user()
        request.session[services.PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": next_url}
        if services.demo_bypass_allowed(user):
            return _finish(request, user)
        request.session.cycle_key()  # keeps the session's data under a new key
        if services.has_second_factor(user):
            return redirect("signin_verify")
        return redirect("signin_enrol")
    return render(request, "signin/login.html", {"form": form, "next": next_url})


def _code_failed(request, user) -> int:
    """A wrong code counts like a wrong password (for this account from this address); the wait, if any."""
    user_login_failed.send(sender=__name__, credentials={"username": user.username}, request=request)
    return lockout.record_failure(request, user=user)


@logged_as(Kind.NOT_LOGGED)
@login_not_required
@sensitive_post_parameters("code")
def verify_step(request):
    user = _pending_user(request)
    if user is None:
        return redirect("login")
    if not services.has_second_factor(user):
        return redirect("signin_enrol")
    wait = lockout.wait_seconds(request, user=user)
    if wait:
        return _lockout_response(request, wait)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if services.verify_totp(user, code):
            return _finish(request, user)
        if services.use_recovery_code(user, code):
            response = _finish(request, user)
            messages.warning(request, _(
                "You signed in with a recovery code; it cannot be used again. %(count)d are left."
            ) % {"count": services.remaining_recovery_codes(user)})
            return response
        wait = _code_failed(request, user)
        if wait:
            return _lockout_response(request, wait)
        form.add_error("code", _("The code is not right, or it has been used already. Try the next code."))
    return render(request, "signin/verify.html", {"form": form})


@logged_as(Kind.NOT_LOGGED)
@login_not_required
@sensitive_post_parameters("code")
def enrol_step(request):
    user = _pending_user(request)
    if user is None:
        return redirect("login")
    if services.has_second_factor(user):
        return redirect("signin_verify")
    wait = lockout.wait_seconds(request, user=user)
    if wait:
        return _lockout_response(request, wait)
    device = services.start_enrolment(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_totp(user, form.cleaned_data["code"]):
            codes = services.new_recovery_codes(user)
            lockout.record_success(request, user=user)
            login(request, user, backend=BACKEND)
            request.session["signin_new_codes"] = codes
            return redirect("signin_recovery_codes")
        wait = _code_failed(request, user)
        if wait:
            return _lockout_response(request, wait)
        form.add_error("code", _("The code is not right. Check that the phone's clock is set automatically."))
    uri = services.provisioning_uri(device)
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")
    secret = " ".join(device.secret[i:i + 4] for i in range(0, len(device.secret), 4))
    return render(request, "signin/enrol.html", {
        "form": form, "qr": qr,
        "secret": secret,
    })


@logged_as(Kind.PAGE)
def recovery_codes(request):
    """Shows fresh recovery codes once, right after they were made."""
    codes = request.session.pop("signin_new_codes", None)
    if not codes:
        return redirect("signin_account")
    return render(request, "signin/recovery_codes.html", {"codes": codes})


@logged_as(Kind.PAGE)
def account(request):
    user = request.user
    return render(request, "signin/account.html", {
        "has_second_factor": services.has_second_factor(user),
        "remaining": services.remaining_recovery_codes(user),
        "sessions": SignInSession.objects.filter(user=user),
        "current_key": request.session.session_key,
        "demo_bypass": services.demo_bypass_allowed(user),
        "may_lift_waits": lockout.may_lift_waits(user),
    })


@logged_as(Kind.PAGE)
@require_POST
def new_codes(request):
    request.session["signin_new_codes"] = services.new_recovery_codes(request.user)
    return redirect("signin_recovery_codes")


# Sent by app.js with a sign-out when the phone holds nothing unsent or the worker has agreed to
# delete it (brobygger/static/brobygger/app.js, form[data-sign-out]).
PHONE_MAY_BE_CLEARED = "clear_phone"


def _clear_the_phone(request, response):
    """Have the browser delete what Brobygger keeps on the device: the outreach queue, the kept form
    pages and the service worker (docs/outreach.md), also what app.js could not reach in time.

    Only on app.js's word that nothing unsent is lost without the worker knowing: a sign-out without
    it (no JavaScript, a page from before) leaves the queue on the phone, to be sent later.
    Not "cache": every page is no-store, and Chromium stalls the sign-out for seconds clearing its
    HTTP cache. Not "cookies": the session has ended, and the language chosen may stay."""
    if request.POST.get(PHONE_MAY_BE_CLEARED) == "1":
        response["Clear-Site-Data"] = '"storage"'
    return response


class SignOutView(LogoutView):
    def post(self, request, *args, **kwargs):
        return _clear_the_phone(request, super().post(request, *args, **kwargs))


sign_out = logged_as(Kind.NOT_LOGGED)(SignOutView.as_view())


@logged_as(Kind.PAGE)
@require_POST
def sign_out_everywhere(request):
    user = request.user
    logout(request)
    services.end_all_sessions(user)
    messages.success(request, _("You are signed out on every device."))
    return _clear_the_phone(request, redirect("login"))


@logged_as(Kind.PAGE)
@administrator_required
def reset_second_factor(request, pk):
    edited = get_object_or_404(get_user_model(), pk=pk)
    if edited == request.user:
        raise Http404("Not for oneself")
    if request.method == "POST":
        services.reset_second_factor(edited)
        messages.success(request, _("%(name)s sets up the authenticator app again at the next sign-in.") % {
            "name": edited.username})
        return redirect("user_detail", edited.pk)
    return render(request, "signin/reset_confirm.html", {"edited": edited})


def _waits_page(request, form=None, lifting=None, status=200):
    return render(request, "signin/waits.html", {
        "waits": lockout.current_waits(request.user), "form": form or LiftWaitForm(), "lifting": lifting,
    }, status=status)


@logged_as(Kind.PAGE)
def blocked_list(request):
    """Accounts waiting after failed sign-ins, for those who may lift the wait (else 404)."""
    if not lockout.may_lift_waits(request.user):
        raise Http404("Not found")
    return _waits_page(request)


@logged_as(Kind.PAGE)
@require_POST
def unblock(request, pk):
    throttle = get_object_or_404(lockout.waits_in_scope(request.user), pk=pk)
    form = LiftWaitForm(request.POST)
    if not form.is_valid():
        return _waits_page(request, form=form, lifting=throttle.pk)
    lockout.lift_wait(by=request.user, throttle=throttle, reason=form.cleaned_data["reason"], request=request)
    messages.success(request, _("The wait is lifted."))
    return redirect("signin_blocked")
