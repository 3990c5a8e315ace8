"""The course's responsible worker as other apps' tables show it (the team meeting's WHO-5 and referral lists)."""

from django import template

register = template.Library()


@register.inclusion_tag("courses/includes/responsible.html", takes_context=True)
def responsible(context, course, choices, *key):
    """The responsible worker's name; with `choices` ({organisation id: [users]}, courses.selectors.
    reassign_choices: the coordinator's) a form to choose another of the course's organisation.
    `key` (a few parts, joined) makes the form's field id unique on the page."""
    request = context["request"]
    return {
        "course": course, "key": "-".join(str(part) for part in key), "csrf_token": context.get("csrf_token"), "next": request.get_full_path(),
        "choices": None if choices is None else choices.get(course.organisation_id, []),
    }
