from django.urls import reverse

from brobygger.matrix import Page

admin = frozenset({"administrator"})

PAGES = [
    Page("user_list", admin),
    Page("user_create", admin),
    Page("user_detail", admin, kwargs=lambda w: {"pk": w.users["caseworker_a"].pk}),
    Page("user_edit", admin, kwargs=lambda w: {"pk": w.users["caseworker_a"].pk}),
    Page("membership_delete", admin, kwargs=lambda w: {"pk": w.membership_outreach.pk}, method="post",
         redirect=lambda w: reverse("user_detail", args=[w.users["outreach"].pk])),
]
