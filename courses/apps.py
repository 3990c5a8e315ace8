from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Citizen courses")

    def ready(self):
        from audit import log
        from brobygger import navigation, sections

        from . import demo  # noqa: F401  (registers its part of the demo data)
        from .sections import break_glass_meeting_section, project_counts_section
        from .selectors import project_of_course

        log.register_lookup("course_project", project_of_course)

        navigation.register(
            10, "course_list", _("Courses"), lambda user: any(m.can_see_courses for m in user.active_memberships)
        )
        # Before the other sections: emergency access is the first thing the coordinator follows up.
        sections.register("team_meeting", 3, "courses/sections/break_glass_meeting.html", break_glass_meeting_section)
        # First on the project page: the counts lead it, as when the project page computed them itself.
        sections.register("project", 0, "courses/sections/project_counts.html", project_counts_section)
