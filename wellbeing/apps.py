from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "wellbeing"
    verbose_name = _("Wellbeing (WHO-5)")

    def ready(self):
        from brobygger import navigation, sections

        from . import demo  # noqa: F401  (registers the demo data)
        from .sections import course_section, project_section, team_meeting_section

        navigation.register(
            20, "who5_due", _("WHO-5"), lambda user: any(m.can_see_courses for m in user.active_memberships)
        )
        sections.register("course", 20, "wellbeing/sections/course.html", course_section)
        sections.register("project", 40, "wellbeing/sections/project.html", project_section)
        sections.register("team_meeting", 20, "wellbeing/sections/team_meeting.html", team_meeting_section)
        # The WHO-5 indicators for budget goals count deleted courses too: rights registers them.
