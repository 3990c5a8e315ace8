from brobygger import demo
from directory.models import Service
from knowledge.models import Module
from knowledge.selectors import learning_followup


def test_demo_has_the_four_modules_marked_as_drafts_for_the_authors(db):
    context = demo.build(courses=2)
    modules = list(Module.objects.all())
    assert len(modules) == 4
    assert all(m.author_note.startswith("UDKAST") for m in modules)
    followup = learning_followup()
    assert [row["change"] is not None for row in followup["per_module"]] == [True, True, False, False]
    assert "vejleder" in context["users"]
    assert Service.objects.stale().count() == 2


def test_learners_do_not_see_the_demo_modules_marked_as_drafts(db, client):
    context = demo.build(courses=2)
    client.force_login(context["users"]["vejleder"])
    from django.urls import reverse

    page = client.get(reverse("knowledge_modules")).content.decode()
    assert "Lovgivningen: med og uden lovligt ophold" in page
    assert "Udkast" not in page and "UDKAST" not in page
