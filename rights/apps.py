from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = _("Data protection and retention")

    def ready(self):
        from brobygger import indicators, navigation

        from .access import is_rights_officer
        from .indicators import paired_change, paired_change_groups, response_rate, response_rate_groups
        from .retained import indicator_caveat

        navigation.register(810, "rights_home", _("Citizens' rights"), is_rights_officer)
        # WHO-5 (wellbeing's figures) with what deleted courses left, which only rights keeps.
        indicators.register(
            "who5_response_rate", _("WHO-5: share of due follow-ups answered"), response_rate, unit="%",
            groups=response_rate_groups, caveat=indicator_caveat,
        )
        indicators.register(
            "who5_paired_change", _("WHO-5: mean change from first to latest score"), paired_change, unit="",
            groups=paired_change_groups, caveat=indicator_caveat,
        )
