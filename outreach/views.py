import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brobygger.access import is_coordinator
from brobygger.accesslog import Kind, logged_as
from brobygger.charts import bar_chart
from brobygger.disclosure import Audience, audience
from brobygger.views import public
from courses.access import visible_courses

from . import export, selectors, sending, services
from .access import (
    coordinator_project,
    followup_project,
    outreach_project,
    outreach_projects,
)
from .forms import CardBatchForm, CardLinkForm, PeriodForm, TopicForm
from .models import Card, CardBatch, GroupActivity, OutreachContact, Topic


@logged_as(Kind.PAGE)
def outreach_home(request):
    projects = list(outreach_projects(request.user))
    if not projects:
        raise Http404("No outreach")
    rows = [
        {"project": p, "logs": any(m.can_log_outreach for m in request.user.memberships_in(p)),
         "manages": is_coordinator(request.user, p)}
        for p in projects
    ]
    return render(request, "outreach/home.html", {"rows": rows})


@logged_as(Kind.PAGE)
def contact_log(request, slug):
    """The phone page: a typical contact is saved with a few taps (site remembered, time now, me present)."""
    project, membership = outreach_project(request, slug)
    if request.method == "POST":
        form = sending.contact_form(request, project, request.POST)
    else:
        services.ensure_topics(project)
        # The site tapped on the home page, else the one of the worker's last contact today.
        chosen = request.GET.get("site", "")
        site = project.sites.filter(pk=chosen, active=True).first() if chosen.isdigit() else None
        site = site or selectors.remembered_site(project=project, user=request.user, day=timezone.localdate())
        form = sending.contact_form(request, project, site=site)
    form.fields["card_code"].widget.attrs.update({
        "hx-get": reverse("outreach_card_check", args=[project.slug]), "hx-target": "#card-check",
        "hx-trigger": "input changed delay:400ms, change", "hx-sync": "this:replace",
    })
    if request.method == "POST":
        contact = sending.save_form(form, "contact", request, project, membership)
        if contact is not None:
            _after_save(request, project, "contact", contact)
            return redirect("outreach_log", project.slug)
    recent = (
        OutreachContact.objects.filter(project=project, created_by=request.user, date=timezone.localdate())
        .select_related("site", "card")[:5]
    )
    return _form_page(request, "outreach/contact_log.html", {"project": project, "form": form, "recent": recent})


def _after_save(request, project, kind, record) -> str:
    """The message a worker sees after a save (at once or from the phone's queue), and the page to go to."""
    if kind == "contact":
        today = OutreachContact.objects.filter(project=project, site=record.site, date=record.date).count()
        messages.success(request, _("Saved. Contacts at %(site)s today: %(n)d.") % {"site": record.site, "n": today})
        return reverse("outreach_log", args=[project.slug])
    if kind == "health_visit":
        messages.success(request, _("The health-room visit is saved."))
        return reverse("outreach_health_visit", args=[project.slug])
    messages.success(request, _("The activity is saved."))
    return reverse("outreach_activity_list", args=[project.slug])


def _form_page(request, template, context):
    """A form page the phone may keep for offline use (the service worker stores it only with this header):
    a blank form, not one showing a refusal or a message that belongs to this moment."""
    response = render(request, template, context)
    shown_message = getattr(getattr(request, "_messages", None), "used", False)
    if request.method == "GET" and not shown_message:
        response["X-Offline-Copy"] = "yes"
    return response


@logged_as(Kind.PAGE)
@public
def service_worker(request):
    """The outreach pages' service worker, served under /outreach/ so its scope covers them. Public: the
    browser checks it for updates whether or not the session is still alive (it holds no data)."""
    return render(request, "outreach/sw.js", content_type="text/javascript; charset=utf-8")


# Rendered from brobygger/favicon.svg by scripts/make_icons.py: Android installs from a PNG of 192
# and 512 px, and crops a maskable one to its own shape.
HOME_SCREEN_ICONS = [
    ("outreach/icons/icon-192.png", 192, "any"),
    ("outreach/icons/icon-512.png", 512, "any"),
    ("outreach/icons/icon-maskable-512.png", 512, "maskable"),
]


@logged_as(Kind.PAGE)
@public
def web_manifest(request, slug):
    """For "Add to home screen": opens the project's contact form. Browsers fetch it without the session
    cookie, so it is public and says nothing but the page's address (no look-up of the project)."""
    manifest = {
        "name": _("Brobygger outreach"), "short_name": _("Outreach"), "lang": request.LANGUAGE_CODE,
        "start_url": reverse("outreach_log", args=[slug]), "scope": reverse("outreach_home"),
        "display": "standalone", "background_color": "#ffffff", "theme_color": "#ffffff",
        "icons": [
            {"src": static(path), "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
            for path, size, purpose in HOME_SCREEN_ICONS
        ] + [{"src": static("brobygger/favicon.svg"), "sizes": "any", "type": "image/svg+xml"}],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@logged_as(Kind.PAGE)
def sync(request):
    """The phone's queue. GET: who is signed in (the phone sends only that worker's records) and a CSRF
    token. POST: a batch of queued records, each saved at most once, answered record by record."""
    if not any(m.can_log_outreach for m in request.user.active_memberships):
        raise Http404("No outreach")
    if request.method == "GET":
        return JsonResponse({"user": request.user.pk, "csrf": get_token(request)})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        body = json.loads(request.body)
        items = body["items"]
        if not isinstance(items, list) or len(items) > sending.SYNC_BATCH:
            raise ValueError
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "bad request"}, status=400)
    # "immediate": the worker tapped Save with a network: the page shows the usual message where it goes next.
    on_saved = (lambda project, kind, record: _after_save(request, project, kind, record)) if body.get(
        "immediate") else None
    return JsonResponse({"results": sending.send_batch(request, items, on_saved=on_saved)})


@logged_as(Kind.PAGE)
def card_check(request, slug):
    """htmx: says at once whether a typed card code exists, so a typing error is caught on the street."""
    project, _membership = outreach_project(request, slug)
    code = request.GET.get("card_code", "").strip()
    card = services.find_card(project, code) if code else None
    earlier = card.contacts.count() if card else 0
    return render(request, "outreach/card_check.html", {"code": code, "card": card, "earlier": earlier})


@logged_as(Kind.PAGE)
def health_visit(request, slug):
    project, membership = outreach_project(request, slug)
    form = sending.health_form(request, project, request.POST or None)
    if request.method == "POST":
        visit = sending.save_form(form, "health_visit", request, project, membership)
        if visit is not None:
            return redirect(_after_save(request, project, "health_visit", visit))
    return _form_page(request, "outreach/health_visit.html", {"project": project, "form": form})


@logged_as(Kind.PAGE)
def activity_list(request, slug):
    project, _membership = outreach_project(request, slug)
    activities = GroupActivity.objects.filter(project=project).select_related("organiser")[:100]
    return render(request, "outreach/activity_list.html", {"project": project, "activities": activities})


@logged_as(Kind.PAGE)
def activity_create(request, slug):
    project, membership = outreach_project(request, slug)
    form = sending.activity_form(request, project, request.POST or None)
    if request.method == "POST":
        activity = sending.save_form(form, "activity", request, project, membership)
        if activity is not None:
            return redirect(_after_save(request, project, "activity", activity))
    return _form_page(request, "outreach/activity_form.html", {"project": project, "form": form})


@logged_as(Kind.PAGE)
def card_batches(request, slug):
    project, _membership = outreach_project(request, slug)
    form = CardBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = services.create_card_batch(project=project, by=request.user, size=form.cleaned_data["size"])
        return redirect("outreach_card_batch", project.slug, batch.pk)
    batches = CardBatch.objects.filter(project=project).select_related("created_by")[:50]
    return render(request, "outreach/card_batches.html", {"project": project, "form": form, "batches": batches})


@logged_as(Kind.PAGE)
def card_batch(request, slug, pk):
    """A printable sheet of cards. The card says only where help is, never what it is for."""
    project, _membership = outreach_project(request, slug)
    batch = get_object_or_404(CardBatch, project=project, pk=pk)
    return render(request, "outreach/card_batch.html", {"project": project, "batch": batch,
                                                        "cards": batch.cards.all()})


@logged_as(Kind.PAGE)
def card_link(request, slug):
    """A coordinator links a card to a course, at the person's own request."""
    project = coordinator_project(request, slug)
    form = CardLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        card = services.find_card(project, data["card_code"])
        course = visible_courses(request.user).filter(project=project, code=data["course_code"].strip().upper()).first()
        if card is None:
            form.add_error("card_code", services.UNKNOWN_CARD)
        if course is None:
            form.add_error("course_code", _("No course in this project has this id."))
        if card is not None and course is not None:
            try:
                services.link_card(card=card, course=course, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The card %(card)s is linked to the course %(course)s.") % {
                    "card": card.code, "course": course.code})
                return redirect("course_detail", course.code)
    return render(request, "outreach/card_link.html", {"project": project, "form": form})


@logged_as(Kind.PAGE)
def topic_list(request, slug):
    project = coordinator_project(request, slug)
    services.ensure_topics(project)
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_topic(project=project, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The topic is added."))
            return redirect("outreach_topics", project.slug)
    return render(request, "outreach/topics.html", {"project": project, "form": form,
                                                    "topics": Topic.objects.filter(project=project)})


@logged_as(Kind.PAGE)
@require_POST
def topic_toggle(request, slug, pk):
    project = coordinator_project(request, slug)
    topic = get_object_or_404(Topic, project=project, pk=pk)
    services.set_topic_active(topic=topic, active=not topic.active)
    return redirect("outreach_topics", project.slug)


def _followup(request, slug):
    project = followup_project(request, slug)
    period = PeriodForm(request.GET or None)
    start, end = period.period()
    data = selectors.followup(project, start, end, suppressed=audience(request.user, project) == Audience.OUTSIDE)
    return project, period, data


@logged_as(Kind.PAGE)
def followup(request, slug):
    project, period, data = _followup(request, slug)
    week_labels = [_("week %(n)s") % {"n": w.isocalendar()[1]} for w, _n in data.weeks]
    charts = {
        "weeks": bar_chart(_("Contacts per week"), week_labels, [n for _w, n in data.weeks]),
        "sites": bar_chart(_("Contacts per site"), list(data.sites), list(data.sites.values())),
        "topics": bar_chart(_("Topics discussed"), list(data.topics), list(data.topics.values())),
    }
    return render(request, "outreach/followup.html", {
        "project": project, "period": period, "data": data, "charts": charts,
        "query": request.GET.urlencode(), "is_coordinator": is_coordinator(request.user, project),
    })


@logged_as(Kind.EXPORT)
def followup_export(request, slug):
    project, _period, data = _followup(request, slug)
    content = export.followup_workbook(data)
    response = HttpResponse(content,
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = (
        f'attachment; filename="outreach-{project.slug}-{data.start:%Y%m%d}-{data.end:%Y%m%d}.xlsx"'
    )
    return response


@logged_as(Kind.PAGE)
@require_POST
def card_unlink(request, slug, pk):
    project = coordinator_project(request, slug)
    card = get_object_or_404(Card, project=project, pk=pk, course__isnull=False)
    course = card.course
    services.unlink_card(card=card, by=request.user)
    messages.success(request, _("The card %(card)s is no longer linked to the course.") % {"card": card.code})
    return redirect("course_detail", course.code)
