"""The start page, at the site's root (brobygger.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
]
