from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Budget and steering")

    def ready(self):
        from brobygger import indicators, navigation, sections
        from rights.retained import indicator_caveat

        from . import demo, meeting
        from .indicators import courses_registered, referrals_started

        del demo  # registers the demo data with brobygger.demo
        indicators.register("courses_registered", _("Courses registered"), courses_registered, caveat=indicator_caveat)
        indicators.register("referrals_started", _("Referrals started"), referrals_started, caveat=indicator_caveat)
        navigation.register(
            60, "budget_home", _("Follow-up"),
            lambda user: any(m.project_id and (m.can_see_reports or m.can_see_courses or m.can_log_outreach)
                             for m in user.active_memberships),
        )
        sections.register("team_meeting", 5, "budget/sections/flags.html", meeting.flags_section)
        sections.register("team_meeting", 10, "budget/sections/courses.html", meeting.courses_section)
        sections.register("team_meeting", 30, "budget/sections/referrals.html", meeting.referrals_section)
        sections.register("project", 50, "budget/sections/project_links.html", meeting.project_links_section)
