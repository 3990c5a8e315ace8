"""The administrator's pages for organisations and projects, under /administration/."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_edit, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("projects/", views.admin_project_list, name="admin_project_list"),
    path("projects/new/", views.admin_project_edit, name="admin_project_create"),
    path("projects/<int:pk>/", views.admin_project_edit, name="admin_project_edit"),
]
