from django.urls import path

from . import views

urlpatterns = [
    path("courses/<str:code>/record/", views.record, name="outcome_record"),
]
