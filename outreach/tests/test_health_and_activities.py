from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from outreach import services
from outreach.models import GroupActivity, HealthRoomVisit


def now_field(delta=timedelta()):
    return (timezone.localtime() + delta).strftime("%Y-%m-%dT%H:%M")


def test_outreach_worker_records_a_health_room_visit(client_as, world):
    response = client_as("outreach").post(reverse("outreach_health_visit", args=[world.project.slug]),
                                          {"uses": ["bath", "rest"], "at": now_field(), "card_code": world.card.code})
    assert response.status_code == 302
    visit = HealthRoomVisit.objects.get()
    assert visit.bath and visit.rest and not visit.toilet
    assert visit.card == world.card


def test_a_health_room_visit_needs_something_used(client_as, world):
    response = client_as("outreach").post(reverse("outreach_health_visit", args=[world.project.slug]),
                                          {"at": now_field()})
    assert response.status_code == 200
    assert not HealthRoomVisit.objects.exists()


def test_a_health_room_visit_with_an_unknown_card_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.record_health_visit(project=world.project, by=world.users["outreach"], uses=["toilet"],
                                     card_code="ZZZ-ZZZ")
    assert "card_code" in error.value.message_dict


def test_a_health_room_visit_in_the_future_is_refused(world):
    with pytest.raises(ValidationError):
        services.record_health_visit(project=world.project, by=world.users["coordinator"], uses=["toilet"],
                                     at=timezone.now() + timedelta(hours=3), may_backdate=True)


def activity_data(world, **kw):
    return {"kind": "business_course", "date": timezone.localdate().isoformat(), "place": "SIO",
            "organiser": world.org_a.pk, "topic": "CVR og moms", "attendance": 11, **kw}


def test_outreach_worker_records_a_business_course_with_attendance(client_as, world):
    client = client_as("outreach")
    response = client.post(reverse("outreach_activity_create", args=[world.project.slug]), activity_data(world))
    assert response.status_code == 302
    activity = GroupActivity.objects.get()
    assert (activity.kind, activity.attendance, activity.organiser) == ("business_course", 11, world.org_a)
    assert "CVR og moms" in client.get(response["Location"]).content.decode()


def test_outreach_worker_is_not_offered_course_links(client_as, world):
    form = client_as("outreach").get(reverse("outreach_activity_create", args=[world.project.slug])).context["form"]
    assert "course_codes" not in form.fields


def test_coordinator_links_agreeing_citizens_courses_to_an_activity(client_as, world):
    response = client_as("coordinator").post(
        reverse("outreach_activity_create", args=[world.project.slug]),
        activity_data(world, kind="social", course_codes=f"{world.course_a.code}, {world.course_b.code.lower()}"),
    )
    assert response.status_code == 302
    assert set(GroupActivity.objects.get().courses.all()) == {world.course_a, world.course_b}


def test_an_unknown_course_id_on_an_activity_is_refused(client_as, world):
    response = client_as("coordinator").post(reverse("outreach_activity_create", args=[world.project.slug]),
                                             activity_data(world, course_codes="KBH-NOPE"))
    assert response.status_code == 200
    assert not GroupActivity.objects.exists()


def test_an_activity_in_the_future_is_refused(client_as, world):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_as("outreach").post(reverse("outreach_activity_create", args=[world.project.slug]),
                                          activity_data(world, date=tomorrow))
    assert response.status_code == 200
    assert not GroupActivity.objects.exists()


@pytest.mark.django_db
def test_an_activity_and_a_visit_may_go_back_as_far_as_each_other(world):
    """One backdating rule (services.check_when) for a date and a time: BACKDATE_DAYS back is kept,
    a day more is refused with the same words, unless a coordinator enters it."""
    by, today, now = world.users["outreach"], timezone.localdate(), timezone.now()

    def activity(on, **kwargs):
        return services.record_activity(project=world.project, by=by, kind="business_course", on=on, place="SIO",
                                        organiser=world.org_a, topic="CVR", attendance=3, **kwargs)

    def visit(at, **kwargs):
        return services.record_health_visit(project=world.project, by=by, uses=["bath"], at=at, **kwargs)

    activity(today - timedelta(days=services.BACKDATE_DAYS))
    visit(now - timedelta(days=services.BACKDATE_DAYS) + timedelta(minutes=5))
    refused = []
    for record, when, field in ((activity, today - timedelta(days=services.BACKDATE_DAYS + 1), "date"),
                                (visit, now - timedelta(days=services.BACKDATE_DAYS + 1), "at")):
        with pytest.raises(ValidationError) as error:
            record(when)
        refused.append(error.value.message_dict[field])
    assert refused[0] == refused[1] == ["Det er mere end 31 dage siden. Bed en koordinator om at indtaste det."]
    activity(today - timedelta(days=services.BACKDATE_DAYS + 1), may_backdate=True)
    assert GroupActivity.objects.count() == 2 and HealthRoomVisit.objects.count() == 1


def test_an_activity_topic_with_an_email_is_refused(client_as, world):
    response = client_as("outreach").post(reverse("outreach_activity_create", args=[world.project.slug]),
                                          activity_data(world, topic="skriv til a@b.dk"))
    assert response.status_code == 200
    assert response.context["form"].errors["topic"]
    assert not GroupActivity.objects.exists()


def test_coordinator_adds_and_retires_a_topic(client_as, world):
    client = client_as("coordinator")
    url = reverse("outreach_topics", args=[world.project.slug])
    assert client.post(url, {"name": "Gæld"}).status_code == 302
    topic = world.project.outreach_topics.get(name="Gæld")
    client.post(reverse("outreach_topic_toggle", args=[world.project.slug, topic.pk]))
    topic.refresh_from_db()
    assert not topic.active
    form = client_as("outreach").get(reverse("outreach_log", args=[world.project.slug])).context["form"]
    assert topic not in form.fields["topics"].queryset


def test_a_duplicate_topic_is_refused(client_as, world):
    name = world.topic.name.upper()
    response = client_as("coordinator").post(reverse("outreach_topics", args=[world.project.slug]), {"name": name})
    assert response.status_code == 200
