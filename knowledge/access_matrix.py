from django.urls import reverse

from brobygger.matrix import ROLES, Page

# Everyone with a membership takes modules, reads the advisors and the network's meetings.
staff = frozenset(ROLES) - {"outsider"}
# Coordinators author modules, keep the advisor register and record the network's meetings.
authors = frozenset({"coordinator", "coordinator_aarhus"})  # of any project
# A meeting belongs to a project (Exit København): its coordinator keeps it.
meeting_keepers = frozenset({"coordinator"})
# Coordinators and analysts follow up on completions.
followers = frozenset({"coordinator", "analyst", "coordinator_aarhus", "analyst_aarhus"})

module = lambda w: {"pk": w.module.pk}  # noqa: E731
section = lambda w: {"pk": w.section.pk}  # noqa: E731
meeting = lambda w: {"pk": w.meeting.pk}  # noqa: E731
to_module = lambda w: reverse("knowledge_module", args=[w.module.pk])  # noqa: E731
to_section = lambda w: reverse("knowledge_module", args=[w.module.pk]) + f"#section-{w.section.position}"  # noqa: E731
to_start = lambda w: reverse("knowledge_start", args=[w.module.pk])  # noqa: E731


def extend_world(w):
    from datetime import date

    from knowledge import services
    from knowledge.models import Module

    w.module = Module.objects.create(title="Lovgivningen", topics="lovgivningen")
    w.section = services.add_section(module=w.module, heading="Salg af sex er lovligt", body="Mellem voksne.")
    w.question = services.add_question(section=w.section, kind="reflection", text="Hvad vidste du i forvejen?")
    services.publish_module(module=w.module)
    w.draft_module = Module.objects.create(title="Kladde", topics="noget")
    w.image = services.add_image(section=w.section, data=PNG, alt="En bro")
    w.advisor = services.save_advisor(name="Birgitte Vejleder", organisation=w.lead, unit="Jobcenter",
                                      since=date(2026, 5, 1), work_email="birgitte@kk.dk")
    w.meeting = services.save_meeting(project=w.project, date=date(2026, 3, 10), place="Rådhuset",
                                      attendance={w.lead: 2, w.org_a: 1})
    w.action = services.add_action(meeting=w.meeting, text="Inviter SIO", owner="Birgitte", due=date(2026, 6, 1))


# The smallest valid PNG (1x1, transparent).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000b49444154789c63600002000005"
    "00017a5eab3f0000000049454e44ae426082"
)

PAGES = [
    Page("knowledge_modules", staff),
    Page("knowledge_module", staff, kwargs=module),
    # A draft is only for its authors.
    Page("knowledge_module", authors, kwargs=lambda w: {"pk": w.draft_module.pk}),
    Page("knowledge_module_create", authors),
    Page("knowledge_module_edit", authors, kwargs=module),
    Page("knowledge_module_publish", authors, method="post", kwargs=module, data=lambda w: {"unpublish": "1"},
         redirect=to_module),
    Page("knowledge_section_create", authors, kwargs=module),
    Page("knowledge_start", staff, kwargs=module),
    # Who has not started the module is sent to its start (nobody in the world has).
    Page("knowledge_section", staff, kwargs=lambda w: {"pk": w.module.pk, "position": 1}, redirect=to_start),
    Page("knowledge_finish", staff, kwargs=module, redirect=to_start),
    Page("knowledge_section_edit", authors, kwargs=section),
    Page("knowledge_image_add", authors, kwargs=section),
    Page("knowledge_question_add", authors, kwargs=section),
    Page("knowledge_image", staff, kwargs=lambda w: {"pk": w.image.pk}),
    Page("knowledge_section_delete", authors, method="post", kwargs=section, redirect=to_module),
    Page("knowledge_image_delete", authors, method="post", kwargs=lambda w: {"pk": w.image.pk}, redirect=to_section),
    Page("knowledge_question_delete", authors, method="post", kwargs=lambda w: {"pk": w.question.pk},
         redirect=to_section),
    Page("knowledge_followup", followers),
    Page("knowledge_advisors", staff),
    Page("knowledge_advisor_create", authors),
    Page("knowledge_advisor_edit", authors, kwargs=lambda w: {"pk": w.advisor.pk}),
    Page("knowledge_meetings", staff),
    Page("knowledge_meeting_create", authors),
    Page("knowledge_meeting", staff - {"coordinator_aarhus", "analyst_aarhus"}, kwargs=meeting),
    Page("knowledge_meeting_edit", meeting_keepers, kwargs=meeting),
    Page("knowledge_action_add", meeting_keepers, kwargs=meeting),
    Page("knowledge_action_close", meeting_keepers, method="post", kwargs=lambda w: {"pk": w.action.pk},
         redirect=lambda w: reverse("knowledge_meeting", args=[w.meeting.pk])),
    Page("knowledge_network_year", staff, kwargs=lambda w: {"year": 2026}),
]
