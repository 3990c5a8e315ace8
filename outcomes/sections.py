"""The exit indicators on the course page: first and latest answer per indicator."""

from .categories import INDICATORS


def course_section(request, course):
    measurements = list(course.measurements.all())
    context = {"course": course, "measurements": measurements, "rows": []}
    if measurements:
        first, latest = measurements[0], measurements[-1]
        context.update(first=first, latest=latest if latest is not first else None)
        for indicator in INDICATORS:
            context["rows"].append({
                "label": indicator.label,
                "first": getattr(first, f"get_{indicator.field}_display")(),
                "latest": getattr(latest, f"get_{indicator.field}_display")() if latest is not first else "",
            })
    return context
