from django.urls import reverse

from brobygger.matrix import Page

members = frozenset({"outreach", "caseworker_a", "caseworker_b", "coordinator", "analyst"})
coordinator = frozenset({"coordinator"})
admin = frozenset({"administrator"})
slug = lambda w: {"slug": w.project.slug}  # noqa: E731

PAGES = [
    Page("project_list", frozenset({"outsider", "outreach", "caseworker_a", "caseworker_b", "coordinator", "analyst",
                                    "administrator", "coordinator_aarhus", "analyst_aarhus"})),
    Page("project_detail", members, kwargs=slug),
    Page("catalogue", coordinator, kwargs=slug),
    Page("intervention_create", coordinator, kwargs=slug),
    Page("intervention_edit", coordinator, kwargs=lambda w: {"slug": w.project.slug, "pk": w.counselling.pk}),
    Page("site_list", coordinator, kwargs=slug),
    Page("site_create", coordinator, kwargs=slug),
    Page("site_edit", coordinator, kwargs=lambda w: {"slug": w.project.slug, "pk": w.site.pk}),
    Page("member_list", coordinator, kwargs=slug),
    Page("member_remove", coordinator, kwargs=lambda w: {"slug": w.project.slug, "pk": w.membership_outreach.pk},
         redirect=lambda w: reverse("member_list", args=[w.project.slug]),
         method="post"),
    Page("organisation_list", admin),
    Page("organisation_create", admin),
    Page("organisation_edit", admin, kwargs=lambda w: {"pk": w.org_a.pk}),
    Page("admin_project_list", admin),
    Page("admin_project_create", admin),
    Page("admin_project_edit", admin, kwargs=lambda w: {"pk": w.project.pk}),
]
