"""No WHO-5 measurement is taken on an ended course, whoever asks: the rule is in the services
(check_open), so a command or another caller cannot go round the pages. Imported answers are history."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from courses import services as course_services
from wellbeing import services
from wellbeing.models import Who5Invitation, Who5Response

pytestmark = pytest.mark.django_db


def end(world):
    course_services.update_course(course=world.course_a, by=world.users["caseworker_a"], end_date=date(2026, 2, 1),
                                  end_reason="moved")
    world.course_a.refresh_from_db()


def test_a_worker_cannot_record_an_answer_on_an_ended_course(world):
    end(world)
    with pytest.raises(ValidationError) as refused:
        services.record_who5(course=world.course_a, answers=[3] * 5, language="da", by=world.users["caseworker_a"],
                             on=date(2026, 1, 20))
    assert refused.value.code == "course_ended"
    assert not Who5Response.objects.filter(course=world.course_a).exists()


def test_no_link_is_made_for_an_ended_course(world):
    end(world)
    before = Who5Invitation.objects.count()  # the world has a link of its own
    with pytest.raises(ValidationError) as refused:
        services.create_invitation(course=world.course_a, by=world.users["caseworker_a"])
    assert refused.value.code == "course_ended"
    assert Who5Invitation.objects.count() == before


def test_a_link_opened_before_the_course_ended_takes_no_answer(world):
    invitation, _token = services.create_invitation(course=world.course_a, by=None)
    end(world)
    with pytest.raises(services.InvitationUsed):
        services.submit_who5(invitation=invitation, answers=[3] * 5, language="da")
    assert not Who5Response.objects.filter(course=world.course_a).exists()
    invitation.refresh_from_db()  # still unused: nothing was claimed
    assert invitation.used_at is None


def test_answers_imported_for_an_ended_course_are_kept(world):
    end(world)
    services.record_who5(course=world.course_a, answers=[3] * 5, language="da", by=None, on=date(2026, 1, 20),
                         mode=Who5Response.Mode.IMPORTED)
    services.add_imported_answers(rows=[(world.course_a.pk, date(2026, 1, 25), [2] * 5)])
    assert sorted(Who5Response.objects.filter(course=world.course_a).values_list("answered_on", "score")) == [
        (date(2026, 1, 20), 60), (date(2026, 1, 25), 40)]
