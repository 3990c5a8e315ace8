from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from knowledge import services
from knowledge.access_matrix import PNG
from knowledge.models import Attempt, Module, Section, SectionImage
from knowledge.selectors import learning_followup
from knowledge.text import render_markdown


def test_markdown_cannot_inject_script():
    html = render_markdown('Hej <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n# Titel')
    assert "<script" not in html and "javascript:" not in html and "onerror" not in html and "<img" not in html
    assert "<h3>Titel</h3>" in html


def test_section_body_is_sanitised_on_save(world):
    section = services.add_section(module=world.module, heading="To", body="**fed** <script>x()</script>")
    assert "<strong>fed</strong>" in section.body_html
    assert "<script" not in section.body_html


def test_sanitised_again_on_render(client_as, world):
    Section.objects.filter(pk=world.section.pk).update(body_html="<p>ok</p><script>bad()</script>")
    client = client_as("coordinator")
    services.start_module(module=world.module, user=world.users["coordinator"], rating_before=2)
    response = client.get(reverse("knowledge_section", args=[world.module.pk, 1]))
    assert b"<p>ok</p>" in response.content and b"bad()" not in response.content


def test_image_is_served_with_its_content_type(client_as, world):
    response = client_as("outreach").get(reverse("knowledge_image", args=[world.image.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == PNG


def test_a_file_that_is_not_an_image_is_refused(world):
    with pytest.raises(ValidationError):
        services.add_image(section=world.section, data=b"<svg onload=alert(1)></svg>", alt="x")


def test_a_too_big_image_is_refused(world):
    with pytest.raises(ValidationError):
        services.add_image(section=world.section, data=PNG + b"\0" * SectionImage.MAX_BYTES, alt="x")


def test_author_uploads_an_image_with_alt_text(client_as, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("coordinator")
    url = reverse("knowledge_image_add", args=[world.section.pk])
    response = client.post(url, {"image": SimpleUploadedFile("b.png", PNG, "image/png"), "alt": ""})
    assert response.status_code == 200 and world.section.images.count() == 1
    client.post(url, {"image": SimpleUploadedFile("b.png", PNG, "image/png"), "alt": "Kort over byen"})
    assert world.section.images.filter(alt="Kort over byen").exists()


def test_module_cannot_be_published_with_an_image_lacking_alt_text(world):
    SectionImage.objects.filter(pk=world.image.pk).update(alt="")
    services.unpublish_module(module=world.module)
    with pytest.raises(ValidationError):
        services.publish_module(module=world.module)
    world.module.refresh_from_db()
    assert not world.module.is_published


def test_a_module_without_sections_cannot_be_published(world):
    with pytest.raises(ValidationError):
        services.publish_module(module=world.draft_module)


def test_learners_do_not_see_drafts(client_as, world, learner, client):
    client.force_login(learner)
    response = client.get(reverse("knowledge_modules"))
    assert world.module.title in response.content.decode()
    assert world.draft_module.title not in response.content.decode()
    assert client.get(reverse("knowledge_module", args=[world.draft_module.pk])).status_code == 404


def test_learner_takes_a_module_and_the_completion_is_counted(client, world, learner):
    client.force_login(learner)
    module = world.module
    response = client.post(reverse("knowledge_start", args=[module.pk]), {"rating": "2"})
    assert response.status_code == 302
    attempt = Attempt.objects.get(user=learner, module=module)
    assert attempt.rating_before == 2 and attempt.unit == world.national

    # Finishing before the sections are done sends the learner back to them.
    assert client.get(reverse("knowledge_finish", args=[module.pk]))["Location"].endswith(f"/{module.pk}/1/")

    response = client.post(reverse("knowledge_section", args=[module.pk, 1]), {f"q{module.sections.get().questions.get().pk}": "At det er lovligt"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.sections_done == 1
    assert attempt.answers.get().text == "At det er lovligt"

    response = client.post(reverse("knowledge_finish", args=[module.pk]), {"rating": "4"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_completed and attempt.rating_after == 4
    assert learning_followup()["completed"] == 1


def test_reflection_answers_refuse_cpr_numbers(client, world, learner):
    client.force_login(learner)
    services.start_module(module=world.module, user=learner, rating_before=3)
    question = world.section.questions.get()
    response = client.post(reverse("knowledge_section", args=[world.module.pk, 1]), {f"q{question.pk}": "010190-1234"})
    assert response.status_code == 200
    assert response.context["form"].errors[f"q{question.pk}"]
    assert not question.answers.exists()


def test_learner_resumes_where_they_left(client, world, learner):
    services.add_section(module=world.module, heading="Del to", body="Mere.")
    attempt = services.start_module(module=world.module, user=learner, rating_before=3)
    services.record_section(attempt=attempt, section=world.section, answers={})
    client.force_login(learner)
    response = client.get(reverse("knowledge_module", args=[world.module.pk]))
    assert reverse("knowledge_section", args=[world.module.pk, 2]) in response.content.decode()


def test_mean_change_is_shown_only_for_groups_of_five(world):
    from accounts.models import Membership
    from conftest import make_user

    now = timezone.now()
    for i in range(5):
        user = make_user(f"l{i}", (world.national, None, Membership.Role.LEARNER))
        attempt = services.start_module(module=world.module, user=user, rating_before=2)
        services.record_section(attempt=attempt, section=world.section, answers={})
        services.finish_module(attempt=attempt, rating_after=4, on=now - timedelta(days=1))
        data = learning_followup()
        assert data["change"] == (2.0 if i == 4 else None)
    assert data["per_module"][0]["completed"] == 5
    assert data["per_unit_month"][0]["unit"] == world.national.name


def test_author_creates_a_module_with_a_section_and_a_question(client_as, world):
    client = client_as("coordinator")
    client.post(reverse("knowledge_module_create"), {"title": "Traumer", "topics": "traumer", "order": 2})
    module = Module.objects.get(title="Traumer")
    assert not module.is_published
    client.post(reverse("knowledge_section_create", args=[module.pk]), {"heading": "Hvad er traume?", "body": "Tekst"})
    section = module.sections.get()
    client.post(reverse("knowledge_question_add", args=[section.pk]),
                {"kind": "choice", "text": "Hvad hjælper?", "choices": "Ro\nPres", "correct": "1"})
    assert section.questions.get().choice_list == ["Ro", "Pres"]
    client.post(reverse("knowledge_module_publish", args=[module.pk]))
    module.refresh_from_db()
    assert module.is_published


def test_a_choice_question_needs_two_choices(client_as, world):
    response = client_as("coordinator").post(reverse("knowledge_question_add", args=[world.section.pk]),
                                             {"kind": "choice", "text": "Hvad?", "choices": "Kun en"})
    assert response.status_code == 200
    assert world.section.questions.count() == 1


def test_removing_a_section_closes_the_gap(client_as, world):
    services.add_section(module=world.module, heading="To")
    services.add_section(module=world.module, heading="Tre")
    client_as("coordinator").post(reverse("knowledge_section_delete", args=[world.section.pk]))
    assert [(s.position, s.heading) for s in world.module.sections.all()] == [(1, "To"), (2, "Tre")]


def test_author_removes_an_image_and_a_question(client_as, world):
    client = client_as("coordinator")
    client.post(reverse("knowledge_image_delete", args=[world.image.pk]))
    client.post(reverse("knowledge_question_delete", args=[world.question.pk]))
    assert not world.section.images.exists() and not world.section.questions.exists()


def test_followup_takes_a_fixed_number_of_queries(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import Membership
    from conftest import make_user

    def learners(numbers):
        for i in numbers:
            user = make_user(f"q{i}", (world.national, None, Membership.Role.LEARNER))
            attempt = services.start_module(module=world.module, user=user, rating_before=1)
            services.record_section(attempt=attempt, section=world.section, answers={})
            services.finish_module(attempt=attempt, rating_after=5)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            data = learning_followup()
        return len(captured), data

    learners(range(1))
    few, _data = queries()
    learners(range(1, 6))
    many, data = queries()
    assert few == many == 4
    assert data["change"] == 4.0


def test_draft_images_are_only_for_authors(client, client_as, world, learner):
    services.unpublish_module(module=world.module)
    client.force_login(learner)
    assert client.get(reverse("knowledge_image", args=[world.image.pk])).status_code == 404
    assert client_as("coordinator").get(reverse("knowledge_image", args=[world.image.pk])).status_code == 200


def test_publishing_with_problems_tells_the_author_why(client_as, world):
    client = client_as("coordinator")
    response = client.post(reverse("knowledge_module_publish", args=[world.draft_module.pk]), follow=True)
    world.draft_module.refresh_from_db()
    assert not world.draft_module.is_published
    page = response.content.decode()
    assert "Modulet har ingen afsnit." in page


def test_section_headings_refuse_identifying_text(client_as, world):
    response = client_as("coordinator").post(reverse("knowledge_section_create", args=[world.module.pk]),
                                             {"heading": "Om 010190-1234", "body": ""})
    assert response.status_code == 200 and world.module.sections.count() == 1
