from django.urls import path

from . import views

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("<slug:slug>/", views.project_detail, name="project_detail"),
    path("<slug:slug>/catalogue/", views.catalogue, name="catalogue"),
    path("<slug:slug>/catalogue/new/", views.intervention_edit, name="intervention_create"),
    path("<slug:slug>/catalogue/<int:pk>/", views.intervention_edit, name="intervention_edit"),
    path("<slug:slug>/sites/", views.site_list, name="site_list"),
    path("<slug:slug>/sites/new/", views.site_edit, name="site_create"),
    path("<slug:slug>/sites/<int:pk>/", views.site_edit, name="site_edit"),
    path("<slug:slug>/members/", views.member_list, name="member_list"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]

admin_urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_edit, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("projects/", views.admin_project_list, name="admin_project_list"),
    path("projects/new/", views.admin_project_edit, name="admin_project_create"),
    path("projects/<int:pk>/", views.admin_project_edit, name="admin_project_edit"),
]
