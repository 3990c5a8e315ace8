from django.urls import path

from . import views

urlpatterns = [
    # The citizen's own phone: short, neutral paths that say nothing about the purpose.
    path("s/done/", views.citizen_thanks, name="who5_thanks"),
    path("s/accessibility/", views.citizen_accessibility, name="who5_accessibility"),
    path("s/<str:token>/", views.citizen_answer, name="who5_citizen"),
    # Workers.
    path("wellbeing/", views.due_list, name="who5_due"),
    path("wellbeing/courses/<str:code>/invite/", views.invite, name="who5_invite"),
    path("wellbeing/courses/<str:code>/invitations/<int:pk>/withdraw/", views.withdraw_invitation,
         name="who5_invitation_withdraw"),
    path("wellbeing/courses/<str:code>/answer/", views.answer_with_worker, name="who5_answer"),
]
