from django.urls import reverse

from brobygger.matrix import Page

loggers = frozenset({"outreach", "coordinator"})
followers = frozenset({"outreach", "coordinator", "analyst"})
coordinator = frozenset({"coordinator"})
slug = lambda w: {"slug": w.project.slug}  # noqa: E731


def extend_world(w):
    from outreach import services

    services.ensure_topics(w.project)
    w.card_batch = services.create_card_batch(project=w.project, by=w.users["outreach"], size=3)
    w.card, w.linked_card = list(w.card_batch.cards.all())[:2]
    services.link_card(card=w.linked_card, course=w.course_a, by=w.users["coordinator"])
    w.topic = w.project.outreach_topics.first()


PAGES = [
    Page("outreach_home", followers | {"coordinator_aarhus", "analyst_aarhus"}),
    Page("outreach_sync", loggers | {"coordinator_aarhus"}),
    Page("outreach_service_worker", loggers, public=True),
    Page("outreach_manifest", loggers, kwargs=slug, public=True),
    Page("outreach_log", loggers, kwargs=slug),
    Page("outreach_card_check", loggers, kwargs=slug, query="?card_code=ABC-234"),
    Page("outreach_health_visit", loggers, kwargs=slug),
    Page("outreach_activity_list", loggers, kwargs=slug),
    Page("outreach_activity_create", loggers, kwargs=slug),
    Page("outreach_card_batches", loggers, kwargs=slug),
    Page("outreach_card_batch", loggers, kwargs=lambda w: {"slug": w.project.slug, "pk": w.card_batch.pk}),
    Page("outreach_card_link", coordinator, kwargs=slug),
    Page("outreach_card_unlink", coordinator, method="post",
         kwargs=lambda w: {"slug": w.project.slug, "pk": w.linked_card.pk},
         redirect=lambda w: reverse("course_detail", args=[w.course_a.code])),
    Page("outreach_topics", coordinator, kwargs=slug),
    Page("outreach_topic_toggle", coordinator, method="post",
         kwargs=lambda w: {"slug": w.project.slug, "pk": w.topic.pk},
         redirect=lambda w: reverse("outreach_topics", args=[w.project.slug])),
    Page("outreach_followup", followers, kwargs=slug),
    Page("outreach_followup_export", followers, kwargs=slug),
]
