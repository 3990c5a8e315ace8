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
]
