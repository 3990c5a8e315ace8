from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit import log
from brobygger.access import coordinated_projects
from brobygger.accesslog import Kind, logged_as
from brobygger.disclosure import is_staff_somewhere

from . import selectors, services
from .access import (
    author_required,
    can_author,
    can_follow_up,
    follow_up_required,
    may_add_action,
    meeting_for_action,
    meeting_for_user,
    meetings_for_user,
    module_for_user,
    network_projects,
    staff_required,
)
from .forms import (
    ActionForm,
    AdvisorForm,
    ImageForm,
    MeetingForm,
    ModuleForm,
    QuestionForm,
    RatingForm,
    SectionAnswersForm,
    SectionForm,
)
from .models import Action, Advisor, Attempt, Module, Question, Section, SectionImage

# --- learning modules ---------------------------------------------------------------------------


@logged_as(Kind.PAGE)
@staff_required
def module_list(request):
    author = can_author(request.user)
    return render(request, "knowledge/module_list.html", {
        "rows": selectors.modules_with_progress(request.user, include_drafts=author),
        "author": author, "follow_up": can_follow_up(request.user),
    })


def _attempt(request, module):
    return Attempt.objects.filter(module=module, user=request.user).first()


@logged_as(Kind.PAGE)
def module_detail(request, pk):
    module = module_for_user(request, pk)
    sections = list(module.sections.prefetch_related("images", "questions"))
    attempt = _attempt(request, module)
    author = can_author(request.user)
    next_url = None
    if attempt and not attempt.is_completed:
        next_url = (reverse("knowledge_section", args=[module.pk, attempt.sections_done + 1])
                    if attempt.sections_done < len(sections) else reverse("knowledge_finish", args=[module.pk]))
    return render(request, "knowledge/module_detail.html", {
        "module": module, "sections": sections, "attempt": attempt, "author": author, "next_url": next_url,
        "problems": services.publishing_problems(module) if author else [],
    })


@logged_as(Kind.PAGE)
def module_start(request, pk):
    module = module_for_user(request, pk)
    if not module.is_published:
        raise Http404("Not found")
    if _attempt(request, module):
        return redirect("knowledge_module", module.pk)
    form = RatingForm(request.POST or None, topics=module.topics)
    if request.method == "POST" and form.is_valid():
        services.start_module(module=module, user=request.user, rating_before=form.cleaned_data["rating"])
        return redirect("knowledge_section", module.pk, 1)
    return render(request, "knowledge/rating.html", {
        "module": module, "form": form, "heading": _("Before you start"), "button": _("Start the module"),
        "hint": _("Rate your own knowledge before you start. Only the totals for groups of five or more are shown "
                  "to anyone else."),
    })


@logged_as(Kind.PAGE)
def module_section(request, pk, position):
    module = module_for_user(request, pk)
    attempt = _attempt(request, module)
    if attempt is None:
        return redirect("knowledge_start", module.pk)
    section = get_object_or_404(module.sections.prefetch_related("images", "questions"), position=position)
    total = module.sections.count()
    questions = list(section.questions.all())
    answers = {a.question_id: a for a in attempt.answers.filter(question__section=section)}
    form = SectionAnswersForm(request.POST or None, questions=questions, answers=answers)
    if request.method == "POST" and form.is_valid():
        services.record_section(attempt=attempt, section=section, answers=form.answers())
        if questions and request.POST.get("then") != "next":
            return redirect(reverse("knowledge_section", args=[module.pk, position]) + "?answered=1#answers")
        if position < total:
            return redirect("knowledge_section", module.pk, position + 1)
        return redirect("knowledge_finish", module.pk)
    feedback = [
        {"question": q, "answer": answers.get(q.pk)} for q in questions
    ] if request.GET.get("answered") and answers else []
    return render(request, "knowledge/section.html", {
        "module": module, "section": section, "form": form, "total": total, "attempt": attempt,
        "feedback": feedback, "is_last": position == total,
        "next_url": reverse("knowledge_section", args=[module.pk, position + 1]) if position < total
        else reverse("knowledge_finish", args=[module.pk]),
        "previous_url": reverse("knowledge_section", args=[module.pk, position - 1]) if position > 1 else None,
    })


@logged_as(Kind.PAGE)
def module_finish(request, pk):
    module = module_for_user(request, pk)
    attempt = _attempt(request, module)
    if attempt is None:
        return redirect("knowledge_start", module.pk)
    total = module.sections.count()
    if attempt.sections_done < total:
        return redirect("knowledge_section", module.pk, attempt.sections_done + 1)
    form = RatingForm(request.POST or None, topics=module.topics, after=True,
                      initial={"rating": attempt.rating_after})
    if request.method == "POST" and form.is_valid():
        services.finish_module(attempt=attempt, rating_after=form.cleaned_data["rating"])
        messages.success(request, _("Well done: you have completed the module."))
        return redirect("knowledge_module", module.pk)
    return render(request, "knowledge/rating.html", {
        "module": module, "form": form, "heading": _("You have read every section"), "button": _("Complete the module"),
        "hint": _("Rate your own knowledge again, now that you have taken the module."),
    })


@logged_as(Kind.PAGE)
@author_required
def module_create(request):
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        module = form.save()
        messages.success(request, _("The module is created as a draft. Add its sections."))
        return redirect("knowledge_module", module.pk)
    return render(request, "knowledge/form.html", {"form": form, "heading": _("New learning module"),
                                                   "back": reverse("knowledge_modules")})


@logged_as(Kind.PAGE)
@author_required
def module_edit(request, pk):
    module = get_object_or_404(Module, pk=pk)
    form = ModuleForm(request.POST or None, instance=module)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The module is saved."))
        return redirect("knowledge_module", module.pk)
    return render(request, "knowledge/form.html", {"form": form, "heading": _("Edit the module"),
                                                   "back": reverse("knowledge_module", args=[module.pk])})


@logged_as(Kind.PAGE)
@require_POST
@author_required
def module_publish(request, pk):
    module = get_object_or_404(Module, pk=pk)
    if request.POST.get("unpublish"):
        services.unpublish_module(module=module)
        messages.success(request, _("The module is a draft again; learners no longer see it."))
    else:
        try:
            services.publish_module(module=module)
            messages.success(request, _("The module is published: every staff user can take it."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    return redirect("knowledge_module", module.pk)


@logged_as(Kind.PAGE)
@author_required
def section_create(request, pk):
    module = get_object_or_404(Module, pk=pk)
    form = SectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        section = services.add_section(module=module, **form.cleaned_data)
        messages.success(request, _("The section is added."))
        return redirect(reverse("knowledge_module", args=[module.pk]) + f"#section-{section.position}")
    return render(request, "knowledge/form.html", {"form": form, "heading": _("New section"), "module": module,
                                                   "back": reverse("knowledge_module", args=[module.pk])})


@logged_as(Kind.PAGE)
@author_required
def section_edit(request, pk):
    section = get_object_or_404(Section.objects.select_related("module"), pk=pk)
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The section is saved."))
        return redirect(reverse("knowledge_module", args=[section.module_id]) + f"#section-{section.position}")
    return render(request, "knowledge/form.html", {"form": form, "heading": _("Edit the section"),
                                                   "module": section.module,
                                                   "back": reverse("knowledge_module", args=[section.module_id])})


@logged_as(Kind.PAGE)
@author_required
def image_add(request, pk):
    section = get_object_or_404(Section.objects.select_related("module"), pk=pk)
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_image(section=section, data=form.cleaned_data["image"], alt=form.cleaned_data["alt"],
                           caption=form.cleaned_data["caption"])
        messages.success(request, _("The image is added."))
        return redirect(reverse("knowledge_module", args=[section.module_id]) + f"#section-{section.position}")
    return render(request, "knowledge/form.html", {
        "form": form, "heading": _("Add an image to “%(heading)s”") % {"heading": section.heading},
        "module": section.module, "multipart": True, "back": reverse("knowledge_module", args=[section.module_id]),
    })


@logged_as(Kind.PAGE)
@author_required
def question_add(request, pk):
    section = get_object_or_404(Section.objects.select_related("module"), pk=pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_question(section=section, **form.cleaned_data)
        messages.success(request, _("The question is added."))
        return redirect(reverse("knowledge_module", args=[section.module_id]) + f"#section-{section.position}")
    return render(request, "knowledge/form.html", {
        "form": form, "heading": _("Add a question to “%(heading)s”") % {"heading": section.heading},
        "module": section.module, "back": reverse("knowledge_module", args=[section.module_id]),
    })


@logged_as(Kind.PAGE)
@require_POST
@author_required
def section_delete(request, pk):
    section = get_object_or_404(Section, pk=pk)
    module_id = section.module_id
    services.delete_section(section=section)
    messages.success(request, _("The section is removed."))
    return redirect("knowledge_module", module_id)


@logged_as(Kind.PAGE)
@require_POST
@author_required
def image_delete(request, pk):
    picture = get_object_or_404(SectionImage.objects.select_related("section"), pk=pk)
    picture.delete()
    messages.success(request, _("The image is removed."))
    return redirect(reverse("knowledge_module", args=[picture.section.module_id]) + f"#section-{picture.section.position}")


@logged_as(Kind.PAGE)
@require_POST
@author_required
def question_delete(request, pk):
    question = get_object_or_404(Question.objects.select_related("section"), pk=pk)
    question.delete()
    messages.success(request, _("The question is removed."))
    return redirect(reverse("knowledge_module", args=[question.section.module_id]) + f"#section-{question.section.position}")


@logged_as(Kind.PAGE)
def image(request, pk):
    """An image from the database, with its own content type; drafts' images only for authors."""
    picture = get_object_or_404(SectionImage.objects.select_related("section__module"), pk=pk)
    module_for_user(request, picture.section.module_id)
    response = HttpResponse(bytes(picture.data), content_type=picture.content_type)
    response["Content-Disposition"] = "inline"
    response["Content-Length"] = str(len(picture.data))
    return response


@logged_as(Kind.PAGE)
@follow_up_required
def followup(request):
    data = selectors.learning_followup()
    # The modules are shared by every project: exact for staff of a project, hidden for everyone else.
    if not is_staff_somewhere(request.user):
        data = selectors.disclosed_followup(data)
    return render(request, "knowledge/followup.html", {"data": data})


# --- advisors -----------------------------------------------------------------------------


@logged_as(Kind.PAGE)
@staff_required
def advisor_list(request):
    return render(request, "knowledge/advisor_list.html", {
        "units": selectors.advisors_by_unit(), "author": can_author(request.user),
    })


def _advisor_form(request, advisor=None):
    form = AdvisorForm(request.POST or None, instance=advisor)
    if request.method == "POST" and form.is_valid():
        services.save_advisor(advisor=advisor, **form.cleaned_data)
        messages.success(request, _("The advisor register is updated."))
        return redirect("knowledge_advisors")
    return render(request, "knowledge/form.html", {
        "form": form, "heading": _("Edit advisor") if advisor else _("Add an advisor"),
        "back": reverse("knowledge_advisors"),
    })


@logged_as(Kind.PAGE)
@author_required
def advisor_create(request):
    return _advisor_form(request)


@logged_as(Kind.PAGE)
@author_required
def advisor_edit(request, pk):
    return _advisor_form(request, get_object_or_404(Advisor, pk=pk))


# --- the network ---------------------------------------------------------------------------


@logged_as(Kind.PAGE)
@staff_required
def meeting_list(request):
    meetings = meetings_for_user(request.user).select_related("project").prefetch_related("attendance")
    years = sorted({d.year for d in meetings.dates("date", "year")} | {timezone.localdate().year}, reverse=True)
    return render(request, "knowledge/meeting_list.html", {
        "meetings": meetings, "years": years, "recorder": bool(coordinated_projects(request.user)),
    })


def _meeting_form(request, meeting=None):
    projects = coordinated_projects(request.user)
    if not projects:
        raise Http404("Not found")
    form = MeetingForm(request.POST or None, instance=meeting, projects=projects)
    if request.method == "POST" and form.is_valid():
        saved = services.save_meeting(meeting=meeting, by=request.user, attendance=form.attendance(),
                                      **form.meeting_fields())
        log.concerns(request, saved.project_id)  # a new meeting, or one moved to another project
        messages.success(request, _("The meeting is saved."))
        return redirect("knowledge_meeting", saved.pk)
    return render(request, "knowledge/meeting_form.html", {
        "form": form, "heading": _("Edit the meeting") if meeting else _("Record a network meeting"),
        "back": reverse("knowledge_meeting", args=[meeting.pk]) if meeting else reverse("knowledge_meetings"),
    })


@logged_as(Kind.PAGE)
def meeting_create(request):
    return _meeting_form(request)


@logged_as(Kind.PAGE)
def meeting_edit(request, pk):
    return _meeting_form(request, meeting_for_user(request, pk, edit=True))


@logged_as(Kind.PAGE)
def meeting_detail(request, pk):
    meeting = meeting_for_user(request, pk)
    return render(request, "knowledge/meeting_detail.html", {
        "meeting": meeting,
        "attendance": meeting.attendance.select_related("organisation"),
        "actions": meeting.actions.all(),
        "carried": selectors.carried_actions(meeting),
        "recorder": meeting.project_id in coordinated_projects(request.user),
        "may_add_action": may_add_action(request.user, meeting),
        "today": timezone.localdate(),
    })


@logged_as(Kind.PAGE)
def action_add(request, pk):
    meeting = meeting_for_action(request, pk)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.add_action(meeting=meeting, **form.cleaned_data)
        messages.success(request, _("The action is recorded."))
        return redirect(reverse("knowledge_meeting", args=[meeting.pk]) + "#actions")
    return render(request, "knowledge/form.html", {
        "form": form, "heading": _("Record an agreed action"), "back": reverse("knowledge_meeting", args=[meeting.pk]),
    })


@logged_as(Kind.PAGE)
@require_POST
def action_close(request, pk):
    action = get_object_or_404(Action.objects.select_related("meeting"), pk=pk,
                               meeting__project__in=coordinated_projects(request.user))
    log.concerns(request, action.meeting.project_id)
    try:
        services.close_action(action=action)
        messages.success(request, _("The action is closed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/knowledge/") else reverse("knowledge_meeting", args=[action.meeting_id]))


@logged_as(Kind.PAGE)
@staff_required
def network_year(request, year):
    if not 2000 <= year <= 2100:
        raise Http404("Not found")
    return render(request, "knowledge/network_year.html", {
        "data": selectors.network_year(year, projects=network_projects(request.user)),
    })
