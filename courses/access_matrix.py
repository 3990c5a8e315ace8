from django.urls import reverse

from brobygger.matrix import COURSE_READERS, ROLES, Page

caseworkers = frozenset({"caseworker_a", "caseworker_b", "coordinator"})
code_a = lambda w: {"code": w.course_a.code}  # noqa: E731
to_course_a = lambda w: reverse("course_detail", args=[w.course_a.code])  # noqa: E731

PAGES = [
    Page("home", frozenset(ROLES)),  # the start page (courses.views.home)
    # The lists and the form start from one's own projects: the second project's coordinator gets in too.
    Page("course_list", caseworkers | {"coordinator_aarhus"}),
    Page("course_create", caseworkers | {"coordinator_aarhus"}),
    # course_a belongs to organisation A: caseworker B has no consent to see it.
    Page("course_detail", COURSE_READERS, kwargs=code_a),
    Page("course_edit", COURSE_READERS, kwargs=code_a),
    Page("course_end", COURSE_READERS, kwargs=code_a),
    # Reassigning the responsible worker is the coordinator's (at the team meeting), not the caseworkers'.
    Page("course_responsible", frozenset({"coordinator"}), method="post", kwargs=code_a,
         data=lambda w: {"responsible": w.users["caseworker_a"].pk}, redirect=to_course_a),
    Page("intervention_add", COURSE_READERS, kwargs=code_a),
    Page("referral_add", COURSE_READERS, kwargs=code_a),
    Page("referral_status", COURSE_READERS, method="post",
         kwargs=lambda w: {"code": w.course_a.code, "pk": w.referral_a.pk}, data=lambda w: {"status": "started"},
         redirect=to_course_a),
    # Break-glass: caseworker B (same project, not their course) is asked for a reason; who already
    # sees the course is sent to it; everyone else gets the 404 of an id that does not exist.
    Page("break_glass", caseworkers, kwargs=code_a, redirect=to_course_a, redirected=COURSE_READERS),
    Page("break_glass", caseworkers, method="post", kwargs=code_a,
         data=lambda w: {"reason": "Borgeren har brug for hjælp i nat, og Reden kan ikke nås"}, redirect=to_course_a),
    Page("consent_add", COURSE_READERS, kwargs=code_a),
    Page("consent_withdraw", COURSE_READERS, method="post",
         kwargs=lambda w: {"code": w.course_a.code, "pk": w.consent_a.pk}, redirect=to_course_a),
]
