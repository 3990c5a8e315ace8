from django.urls import include, path
from django.views.i18n import set_language

from . import views
from .accesslog import Kind, logged_as

urlpatterns = [
    path("", include("courses.home_urls")),
    path("i18n/setlang/", logged_as(Kind.NOT_LOGGED)(views.public(set_language)), name="set_language"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("", include("accounts.urls")),
    path("administration/", include("projects.admin_urls")),
    path("projects/", include("projects.urls")),
    path("courses/", include("courses.urls")),
    # Each app below owns its URLs; wellbeing and signin choose their own top-level paths.
    path("", include("wellbeing.urls")),
    path("", include("signin.urls")),
    path("outreach/", include("outreach.urls")),
    path("outcomes/", include("outcomes.urls")),
    path("knowledge/", include("knowledge.urls")),
    path("directory/", include("directory.urls")),
    path("exchange/", include("exchange.urls")),
    path("reports/", include("reports.urls")),
    path("budget/", include("budget.urls")),
    path("audit/", include("audit.urls")),
    path("rights/", include("rights.urls")),
    path("exports/", include("exports.urls")),
]

handler404 = "brobygger.views.not_found"
