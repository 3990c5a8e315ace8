from django.urls import reverse

from brobygger.matrix import COURSE_READERS, ROLES, Page

caseworkers = frozenset({"caseworker_a", "caseworker_b", "coordinator"})
code_a = lambda w: {"code": w.course_a.code}  # noqa: E731


def extend_world(w):
    from wellbeing import services

    w.who5_invitation, w.who5_token = services.create_invitation(course=w.course_a, by=w.users["caseworker_a"])


PAGES = [
    Page("who5_due", caseworkers | {"coordinator_aarhus"}),
    # course_a belongs to organisation A: caseworker B has no consent to see it.
    Page("who5_invite", COURSE_READERS, kwargs=code_a),
    Page("who5_answer", COURSE_READERS, kwargs=code_a),
    Page("who5_invitation_withdraw", COURSE_READERS, method="post",
         kwargs=lambda w: {"code": w.course_a.code, "pk": w.who5_invitation.pk},
         redirect=lambda w: reverse("who5_invite", args=[w.course_a.code])),
    # The citizen's pages need no sign-in: the one-time token is the key.
    Page("who5_citizen", frozenset(ROLES), kwargs=lambda w: {"token": w.who5_token}, public=True),
    Page("who5_thanks", frozenset(ROLES), public=True),
    Page("who5_accessibility", frozenset(ROLES), public=True),
]
