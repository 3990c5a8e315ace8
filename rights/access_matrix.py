from django.urls import reverse

from brobygger.matrix import Page

coordinator = frozenset({"coordinator"})
code_a = lambda w: {"code": w.course_a.code}  # noqa: E731

PAGES = [
    Page("rights_home", coordinator | {"coordinator_aarhus"}),
    Page("rights_course", coordinator, kwargs=code_a),
    Page("rights_access_pdf", coordinator, kwargs=code_a),
    Page("rights_erase", coordinator, kwargs=code_a),
    Page("rights_erase", coordinator, kwargs=code_a, method="post", data=lambda w: {"confirm": w.course_a.code},
         redirect=lambda w: reverse("rights_home")),
]
