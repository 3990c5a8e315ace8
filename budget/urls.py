from django.urls import path

from . import views

urlpatterns = [
    path("", views.budget_home, name="budget_home"),
    path("<slug:slug>/", views.project_budget, name="budget_project"),
    path("<slug:slug>/status.pdf", views.committee_status_pdf, name="committee_status_all"),
    path("<slug:slug>/initiatives/new/", views.initiative_edit, name="initiative_create"),
    path("<slug:slug>/initiatives/<int:number>/", views.initiative_detail, name="initiative_detail"),
    path("<slug:slug>/initiatives/<int:number>/edit/", views.initiative_edit, name="initiative_edit"),
    path("<slug:slug>/initiatives/<int:number>/lines/new/", views.budget_line_edit, name="budget_line_create"),
    path("<slug:slug>/initiatives/<int:number>/lines/<int:pk>/edit/", views.budget_line_edit, name="budget_line_edit"),
    path("<slug:slug>/initiatives/<int:number>/spending/", views.spending_add, name="spending_add"),
    path("<slug:slug>/initiatives/<int:number>/import/", views.spending_import, name="spending_import"),
    path("<slug:slug>/initiatives/<int:number>/indicators/new/", views.indicator_add, name="indicator_add"),
    path("<slug:slug>/initiatives/<int:number>/status.pdf", views.committee_status_pdf, name="committee_status"),
    path("<slug:slug>/meeting/", views.team_meeting, name="team_meeting"),
    path("<slug:slug>/meeting/held/", views.meeting_held, name="meeting_held"),
    path("<slug:slug>/flags/new/", views.flag_add, name="flag_add"),
    path("<slug:slug>/flags/<int:pk>/done/", views.flag_done, name="flag_done"),
]
