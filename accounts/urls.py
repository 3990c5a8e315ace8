from django.urls import path

from . import views

urlpatterns = [
    path("administration/users/", views.user_list, name="user_list"),
    path("administration/users/new/", views.user_edit, name="user_create"),
    path("administration/users/<int:pk>/", views.user_detail, name="user_detail"),
    path("administration/users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("administration/roles/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
    # A project's members belong to accounts (memberships); the addresses stay under the project.
    path("projects/<slug:slug>/members/", views.member_list, name="member_list"),
    path("projects/<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]
