import time

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from accounts.access import administrator_required

from . import services
from .forms import CodeForm, EnrolForm, PasswordForm
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
    login(request, user, backend=BACKEND)  # changes the session key
    return redirect(target)


def _locked(request, username) -> bool:
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def _lockout_response(request):
    return render(request, "signin/locked.html", status=429)


@login_not_required
@sensitive_post_parameters("password")
def password_step(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = PasswordForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        request.session[services.PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": next_url}
        if services.demo_bypass_allowed(user):
            return _finish(request, user)
        request.session.cycle_key()  # keeps the session's data under a new key
        if services.has_second_factor(user):
            return redirect("signin_verify")
        return redirect("signin_enrol")
    return render(request, "signin/login.html", {"form": form, "next": next_url})


def _code_failed(request, user):
    # django-axes counts this as a failed sign-in too, so guessing codes locks the account.
    user_login_failed.send(sender=__name__, credentials={"username": user.username}, request=request)


@login_not_required
@sensitive_post_parameters("code")
def verify_step(request):
    user = _pending_user(request)
    if user is None:
        return redirect("login")
    if not services.has_second_factor(user):
        return redirect("signin_enrol")
    if _locked(request, user.username):
        return _lockout_response(request)
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
        _code_failed(request, user)
        if _locked(request, user.username):
            return _lockout_response(request)
        form.add_error("code", _("The code is not right, or it has been used already. Try the next code."))
    return render(request, "signin/verify.html", {"form": form})


@login_not_required
@sensitive_post_parameters("code")
def enrol_step(request):
    user = _pending_user(request)
    if user is None:
        return redirect("login")
    if services.has_second_factor(user):
        return redirect("signin_verify")
    if _locked(request, user.username):
        return _lockout_response(request)
    device = services.start_enrolment(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.verify_totp(user, form.cleaned_data["code"]):
            codes = services.new_recovery_codes(user)
            login(request, user, backend=BACKEND)
            request.session["signin_new_codes"] = codes
            return redirect("signin_recovery_codes")
        _code_failed(request, user)
        form.add_error("code", _("The code is not right. Check that the phone's clock is set automatically."))
    uri = services.provisioning_uri(device)
    qr = segno.make(uri, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")
    secret = " ".join(device.secret[i:i + 4] for i in range(0, len(device.secret), 4))
    return render(request, "signin/enrol.html", {
        "form": form, "qr": qr,
        "secret": secret,
    })


def recovery_codes(request):
    """Shows fresh recovery codes once, right after they were made."""
    codes = request.session.pop("signin_new_codes", None)
    if not codes:
        return redirect("signin_account")
    return render(request, "signin/recovery_codes.html", {"codes": codes})


def account(request):
    user = request.user
    return render(request, "signin/account.html", {
        "has_second_factor": services.has_second_factor(user),
        "remaining": services.remaining_recovery_codes(user),
        "sessions": SignInSession.objects.filter(user=user),
        "current_key": request.session.session_key,
        "demo_bypass": services.demo_bypass_allowed(user),
    })


@require_POST
def new_codes(request):
    request.session["signin_new_codes"] = services.new_recovery_codes(request.user)
    return redirect("signin_recovery_codes")


@require_POST
def sign_out_everywhere(request):
    user = request.user
    logout(request)
    services.end_all_sessions(user)
    messages.success(request, _("You are signed out on every device."))
    return redirect("login")


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
