from brobygger.matrix import ROLES, Page

# Everyone with a membership takes modules, reads the advisors and the network's meetings.
staff = frozenset(ROLES) - {"outsider"}
# Coordinators author modules, keep the advisor register and record the network's meetings.
authors = frozenset({"coordinator"})
# Coordinators and analysts follow up on completions.
followers = frozenset({"coordinator", "analyst"})

module = lambda w: {"pk": w.module.pk}  # noqa: E731
section = lambda w: {"pk": w.section.pk}  # noqa: E731
meeting = lambda w: {"pk": w.meeting.pk}  # noqa: E731


def extend_world(w):
    from datetime import date

    from knowledge import services
    from knowledge.models import Module

    w.module = Module.objects.create(title="Lovgivningen", topics="lovgivningen")
    w.section = services.add_section(module=w.module, heading="Salg af sex er lovligt", body="Mellem voksne.")
    services.add_question(section=w.section, kind="reflection", text="Hvad vidste du i forvejen?")
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
    Page("knowledge_module_publish", authors, method="post", kwargs=module, data=lambda w: {"unpublish": "1"}),
    Page("knowledge_section_create", authors, kwargs=module),
    Page("knowledge_start", staff, kwargs=module),
    Page("knowledge_section", staff, kwargs=lambda w: {"pk": w.module.pk, "position": 1}),
    Page("knowledge_finish", staff, kwargs=module),
    Page("knowledge_section_edit", authors, kwargs=section),
    Page("knowledge_image_add", authors, kwargs=section),
    Page("knowledge_question_add", authors, kwargs=section),
    Page("knowledge_image", staff, kwargs=lambda w: {"pk": w.image.pk}),
    Page("knowledge_followup", followers),
    Page("knowledge_advisors", staff),
    Page("knowledge_advisor_create", authors),
    Page("knowledge_advisor_edit", authors, kwargs=lambda w: {"pk": w.advisor.pk}),
    Page("knowledge_meetings", staff),
    Page("knowledge_meeting_create", authors),
    Page("knowledge_meeting", staff, kwargs=meeting),
    Page("knowledge_meeting_edit", authors, kwargs=meeting),
    Page("knowledge_action_add", authors, kwargs=meeting),
    Page("knowledge_action_close", authors, method="post", kwargs=lambda w: {"pk": w.action.pk}),
    Page("knowledge_network_year", staff, kwargs=lambda w: {"year": 2026}),
]
