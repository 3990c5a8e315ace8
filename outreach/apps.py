from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Outreach")

    def ready(self):
        from brobygger import indicators, navigation, sections

        from . import demo, selectors  # noqa: F401  (demo registers its seed_demo extension)
        from .sections import course_section, home_section, team_meeting_section

        navigation.register(
            20, "outreach_home", _("Outreach"),
            lambda user: any(m.can_log_outreach or m.can_see_reports for m in user.active_memberships),
        )
        indicators.register("anonymous_people", _("Outreach: people using the service (unique card codes)"),
                            selectors.anonymous_people)
        indicators.register("anonymous_contacts", _("Outreach: anonymous contacts"), selectors.anonymous_contacts)
        indicators.register("business_courses_held", _("Business courses held"), selectors.business_courses_held,
                            counts_people=False)
        indicators.register("business_course_attendance", _("Business course attendance"),
                            selectors.business_course_attendance)
        sections.register("team_meeting", 40, "outreach/section_team_meeting.html", team_meeting_section)
        sections.register("course", 60, "outreach/section_course.html", course_section)
        sections.register("home", 10, "outreach/section_home.html", home_section)
