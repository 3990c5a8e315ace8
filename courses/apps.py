from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Citizen courses")

    def ready(self):
        from brobygger import navigation

        navigation.register(
            10, "course_list", _("Courses"), lambda user: any(m.can_see_courses for m in user.active_memberships)
        )
