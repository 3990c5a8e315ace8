"""The learning modules: reading, answering and finishing one; writing them (authors); the
follow-up of who took which (exact for project staff, hidden for everyone else)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brobygger.accesslog import Kind, logged_as
from brobygger.disclosure import is_staff_somewhere

from .. import selectors, services
from ..access import (
    author_required,
    can_author,
    can_follow_up,
    follow_up_required,
    module_for_user,
    staff_required,
)
from ..forms import (
    ImageForm,
    ModuleForm,
    QuestionForm,
    RatingForm,
    SectionAnswersForm,
    SectionForm,
)
from ..models import Attempt, Module, Question, Section, SectionImage


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
