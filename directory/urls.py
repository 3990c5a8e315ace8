from django.urls import path

from . import views

urlpatterns = [
    path("", views.service_list, name="directory_list"),
    path("public/", views.public_directory, name="directory_public"),
    path("new/", views.service_create, name="directory_service_create"),
    path("<int:pk>/edit/", views.service_edit, name="directory_service_edit"),
    path("<int:pk>/checked/", views.service_checked, name="directory_service_checked"),
]
