from django.urls import path

from . import views

urlpatterns = [
    path("", views.rights_home, name="rights_home"),
    path("<str:code>/", views.rights_course, name="rights_course"),
    path("<str:code>/access-request.pdf", views.rights_access_pdf, name="rights_access_pdf"),
    path("<str:code>/erase/", views.rights_erase, name="rights_erase"),
]
