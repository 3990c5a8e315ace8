from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WellbeingConfig(AppConfig):
    name = "wellbeing"
    verbose_name = _("Wellbeing (WHO-5)")

    def ready(self):
        from brobygger import indicators, navigation, sections

        from . import demo  # noqa: F401  (registers the demo data)
        from .indicators import paired_change, paired_change_groups, response_rate, response_rate_groups
        from .sections import course_section, project_section, team_meeting_section

        navigation.register(
            20, "who5_due", _("WHO-5"), lambda user: any(m.can_see_courses for m in user.active_memberships)
        )
        sections.register("course", 20, "wellbeing/sections/course.html", course_section)
        sections.register("project", 40, "wellbeing/sections/project.html", project_section)
        sections.register("team_meeting", 20, "wellbeing/sections/team_meeting.html", team_meeting_section)
        from rights.retained import indicator_caveat  # deleted courses' share (rights reads wellbeing's models)

        indicators.register(
            "who5_response_rate", _("WHO-5: share of due follow-ups answered"), response_rate, unit="%",
            groups=response_rate_groups, caveat=indicator_caveat,
        )
        indicators.register(
            "who5_paired_change", _("WHO-5: mean change from first to latest score"), paired_change, unit="",
            groups=paired_change_groups, caveat=indicator_caveat,
        )
