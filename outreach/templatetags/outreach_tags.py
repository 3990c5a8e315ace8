from django import template

from outreach.access import can_follow_up, logging_membership

register = template.Library()


@register.simple_tag(takes_context=True)
def outreach_links(context, project) -> dict:
    """Which of the outreach subnav's pages the signed-in user may open: a link is shown only where
    it leads somewhere (the analyst follows up but does not log contacts, cards or activities)."""
    user = context["request"].user
    logs = logging_membership(user, project) is not None
    return {"log": logs, "health": logs, "activities": logs, "cards": logs,
            "followup": can_follow_up(user, project)}
