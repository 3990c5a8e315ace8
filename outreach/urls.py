from django.urls import path

from . import views

urlpatterns = [
    path("", views.outreach_home, name="outreach_home"),
    path("sync/", views.sync, name="outreach_sync"),
    path("sw.js", views.service_worker, name="outreach_service_worker"),
    path("<slug:slug>/manifest.webmanifest", views.web_manifest, name="outreach_manifest"),
    path("<slug:slug>/contact/", views.contact_log, name="outreach_log"),
    path("<slug:slug>/contact/card-check/", views.card_check, name="outreach_card_check"),
    path("<slug:slug>/health-room/", views.health_visit, name="outreach_health_visit"),
    path("<slug:slug>/activities/", views.activity_list, name="outreach_activity_list"),
    path("<slug:slug>/activities/new/", views.activity_create, name="outreach_activity_create"),
    path("<slug:slug>/cards/", views.card_batches, name="outreach_card_batches"),
    path("<slug:slug>/cards/<int:pk>/", views.card_batch, name="outreach_card_batch"),
    path("<slug:slug>/cards/link/", views.card_link, name="outreach_card_link"),
    path("<slug:slug>/cards/<int:pk>/unlink/", views.card_unlink, name="outreach_card_unlink"),
    path("<slug:slug>/topics/", views.topic_list, name="outreach_topics"),
    path("<slug:slug>/topics/<int:pk>/toggle/", views.topic_toggle, name="outreach_topic_toggle"),
    path("<slug:slug>/follow-up/", views.followup, name="outreach_followup"),
    path("<slug:slug>/follow-up.xlsx", views.followup_export, name="outreach_followup_export"),
]
