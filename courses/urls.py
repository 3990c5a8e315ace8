from django.urls import path

from . import views

urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("new/", views.course_create, name="course_create"),
    path("<str:code>/", views.course_detail, name="course_detail"),
    path("<str:code>/edit/", views.course_edit, name="course_edit"),
    path("<str:code>/break-glass/", views.break_glass, name="break_glass"),
    path("<str:code>/end/", views.course_end, name="course_end"),
    path("<str:code>/responsible/", views.course_responsible, name="course_responsible"),
    path("<str:code>/interventions/new/", views.intervention_add, name="intervention_add"),
    path("<str:code>/referrals/new/", views.referral_add, name="referral_add"),
    path("<str:code>/referrals/<int:pk>/status/", views.referral_status, name="referral_status"),
    path("<str:code>/consents/new/", views.consent_add, name="consent_add"),
    path("<str:code>/consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
]
