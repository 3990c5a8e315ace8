from django.urls import path

from . import views

urlpatterns = [
    path("", views.module_list, name="knowledge_modules"),
    path("modules/new/", views.module_create, name="knowledge_module_create"),
    path("modules/<int:pk>/", views.module_detail, name="knowledge_module"),
    path("modules/<int:pk>/edit/", views.module_edit, name="knowledge_module_edit"),
    path("modules/<int:pk>/publish/", views.module_publish, name="knowledge_module_publish"),
    path("modules/<int:pk>/sections/new/", views.section_create, name="knowledge_section_create"),
    path("modules/<int:pk>/start/", views.module_start, name="knowledge_start"),
    path("modules/<int:pk>/<int:position>/", views.module_section, name="knowledge_section"),
    path("modules/<int:pk>/finish/", views.module_finish, name="knowledge_finish"),
    path("sections/<int:pk>/edit/", views.section_edit, name="knowledge_section_edit"),
    path("sections/<int:pk>/images/new/", views.image_add, name="knowledge_image_add"),
    path("sections/<int:pk>/questions/new/", views.question_add, name="knowledge_question_add"),
    path("images/<int:pk>/", views.image, name="knowledge_image"),
    path("follow-up/", views.followup, name="knowledge_followup"),
    path("advisors/", views.advisor_list, name="knowledge_advisors"),
    path("advisors/new/", views.advisor_create, name="knowledge_advisor_create"),
    path("advisors/<int:pk>/edit/", views.advisor_edit, name="knowledge_advisor_edit"),
    path("network/", views.meeting_list, name="knowledge_meetings"),
    path("network/new/", views.meeting_create, name="knowledge_meeting_create"),
    path("network/<int:pk>/", views.meeting_detail, name="knowledge_meeting"),
    path("network/<int:pk>/edit/", views.meeting_edit, name="knowledge_meeting_edit"),
    path("network/<int:pk>/actions/new/", views.action_add, name="knowledge_action_add"),
    path("network/actions/<int:pk>/close/", views.action_close, name="knowledge_action_close"),
    path("network/year/<int:year>/", views.network_year, name="knowledge_network_year"),
]
