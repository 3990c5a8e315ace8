"""Demo outreach for the 2026 project: cards, three months of contacts, health-room visits, business courses."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from brobygger import agebands, demo

from . import services
from .models import ContactTopic, GroupActivity, HealthRoomVisit, OutreachContact, Topic


@demo.extend
def outreach_demo(context):
    rng, today = context["rng"], context["today"]
    project = context["project_2026"]
    users = context["users"]
    jonas, aisha = users["opsoeger"], users["koordinator"]
    organisation = jonas.memberships.get(project=project).organisation
    services.ensure_topics(project)
    topics = list(Topic.objects.filter(project=project))
    sites = [s for s in project.sites.all() if s.name != "Online"]
    batch = services.create_card_batch(project=project, by=jonas, size=60)
    cards = list(batch.cards.all())
    handed_out = cards[:35]
    start = max(project.start_date, today - timedelta(days=90))
    contacts, topic_links = [], []
    day = start
    while day < today:
        if day.weekday() < 5 and rng.random() < 0.7:
            site = rng.choice(sites)
            for _n in range(rng.randint(3, 12)):
                at = timezone.make_aware(datetime.combine(day, time(rng.randint(10, 18), rng.randint(0, 59))))
                card = rng.choice(handed_out) if rng.random() < 0.35 else None
                contacts.append(OutreachContact(
                    project=project, site=site, at=at, date=day, organisation=organisation, created_by=jonas,
                    information_given=rng.random() < 0.8, appointment_booked=rng.random() < 0.15,
                    accompanied=rng.random() < 0.05, card=card,
                    referral_target=rng.choice(["", "", "", "drug_treatment", "job_centre", "housing", "health",
                                                "social_services", "legal_aid"]),
                    age_band=rng.choice(["", "", *agebands.CODES]),
                    gender=rng.choice(["", "woman", "woman", "woman", "man", "non_binary"]),
                ))
        day += timedelta(days=1)
    contacts = OutreachContact.objects.bulk_create(contacts)
    for contact in contacts:
        for topic in rng.sample(topics, rng.choice([1, 1, 2, 2, 3])):
            topic_links.append(ContactTopic(contact_id=contact.pk, topic_id=topic.pk, project_id=project.pk,
                                            date=contact.date))
    ContactTopic.objects.bulk_create(topic_links)
    OutreachContact.staff.through.objects.bulk_create(
        OutreachContact.staff.through(outreachcontact_id=c.pk, user_id=jonas.pk) for c in contacts
    )
    visits = []
    for offset in range(0, 60):
        day = today - timedelta(days=offset + 1)
        for _n in range(rng.randint(0, 6)):
            at = timezone.make_aware(datetime.combine(day, time(rng.randint(9, 20), rng.randint(0, 59))))
            uses = rng.sample(HealthRoomVisit.USES, rng.randint(1, 3))
            visits.append(HealthRoomVisit(project=project, at=at, date=day, created_by=jonas,
                                          card=rng.choice(handed_out) if rng.random() < 0.3 else None,
                                          **dict.fromkeys(uses, True)))
    HealthRoomVisit.objects.bulk_create(visits)
    sio = next(org for name, org in context["organisations"].items() if name.startswith("SIO"))
    for on, topic, n in [
        (project.start_date + timedelta(days=40), "CVR-registrering og moms", 9),
        (project.start_date + timedelta(days=130), "Skat og fradrag for selvstændige", 12),
    ]:
        if on < today:
            GroupActivity.objects.create(project=project, kind="business_course", date=on, place="SIO",
                                         organiser=sio, topic=topic, attendance=n, created_by=aisha)
    GroupActivity.objects.create(project=project, kind="network_meeting", date=today - timedelta(days=20),
                                 place="Rådhuset", organiser=organisation, topic="Brobyggernetværkets kvartalsmøde",
                                 attendance=23, created_by=aisha)
