from django.urls import path

from .views import advisors, modules, network

urlpatterns = [
    path("", modules.module_list, name="knowledge_modules"),
    path("modules/new/", modules.module_create, name="knowledge_module_create"),
    path("modules/<int:pk>/", modules.module_detail, name="knowledge_module"),
    path("modules/<int:pk>/edit/", modules.module_edit, name="knowledge_module_edit"),
    path("modules/<int:pk>/publish/", modules.module_publish, name="knowledge_module_publish"),
    path("modules/<int:pk>/sections/new/", modules.section_create, name="knowledge_section_create"),
    path("modules/<int:pk>/start/", modules.module_start, name="knowledge_start"),
    path("modules/<int:pk>/<int:position>/", modules.module_section, name="knowledge_section"),
    path("modules/<int:pk>/finish/", modules.module_finish, name="knowledge_finish"),
    path("sections/<int:pk>/edit/", modules.section_edit, name="knowledge_section_edit"),
    path("sections/<int:pk>/images/new/", modules.image_add, name="knowledge_image_add"),
    path("sections/<int:pk>/questions/new/", modules.question_add, name="knowledge_question_add"),
    path("sections/<int:pk>/delete/", modules.section_delete, name="knowledge_section_delete"),
    path("images/<int:pk>/", modules.image, name="knowledge_image"),
    path("images/<int:pk>/delete/", modules.image_delete, name="knowledge_image_delete"),
    path("questions/<int:pk>/delete/", modules.question_delete, name="knowledge_question_delete"),
    path("follow-up/", modules.followup, name="knowledge_followup"),
    path("advisors/", advisors.advisor_list, name="knowledge_advisors"),
    path("advisors/new/", advisors.advisor_create, name="knowledge_advisor_create"),
    path("advisors/<int:pk>/edit/", advisors.advisor_edit, name="knowledge_advisor_edit"),
    path("network/", network.meeting_list, name="knowledge_meetings"),
    path("network/new/", network.meeting_create, name="knowledge_meeting_create"),
    path("network/<int:pk>/", network.meeting_detail, name="knowledge_meeting"),
    path("network/<int:pk>/edit/", network.meeting_edit, name="knowledge_meeting_edit"),
    path("network/<int:pk>/actions/new/", network.action_add, name="knowledge_action_add"),
    path("network/actions/<int:pk>/close/", network.action_close, name="knowledge_action_close"),
    path("network/year/<int:year>/", network.network_year, name="knowledge_network_year"),
]
