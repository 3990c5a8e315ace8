from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge and learning")

    def ready(self):
        from brobygger import indicators, navigation, sections

        from . import demo, selectors
        from .access import is_staff_member
        from .team_meeting import network_actions_section

        assert demo  # imported for its @demo.extend registration  # nosec B101  # only names the import, which registers the demo extension

        navigation.register(50, "knowledge_modules", _("Learning"), is_staff_member)
        navigation.register(55, "knowledge_meetings", _("Network"), is_staff_member)
        indicators.register("learning_completions", _("Learning modules completed"), selectors.completions_indicator)
        indicators.register("self_rated_change", _("Mean change in self-rated knowledge (1-5 scale)"),
                            selectors.self_rated_change_indicator, groups=selectors.self_rated_change_groups)
        indicators.register("network_meetings_held", _("Network meetings held"), selectors.meetings_indicator,
                            counts_people=False)
        sections.register("team_meeting", 60, "knowledge/sections/team_meeting.html", network_actions_section)
