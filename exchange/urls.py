from django.urls import path

from . import views

urlpatterns = [
    path("", views.import_start, name="import_start"),
    path("uploads/<int:pk>/", views.import_preview, name="import_preview"),
    path("uploads/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("uploads/<int:pk>/discard/", views.import_discard, name="import_discard"),
]
