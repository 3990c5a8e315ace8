"""The follow-up as an Excel workbook: the same numbers as the page (small numbers hidden the same way).

The workbook anyone who follows up may download holds numbers only. With `rows=True` it also lists
each business course with the place and topic the workers typed: row-level, free text, so that
version leaves only as an export with a recipient and a purpose (the exports app)."""

from django.utils.translation import gettext as _

from brobygger.spreadsheets import Sheet, write_xlsx


def _sheet(title, header, rows):
    return Sheet(title, header, list(rows), widths={"A": 40})


def followup_workbook(data, *, rows: bool = False) -> bytes:
    t = data.totals
    sheets = [_sheet(_("Summary"), [_("Measure"), _("Value")], [
        (_("Project"), data.project.name),
        (_("From"), data.start.isoformat()),
        (_("To"), data.end.isoformat()),
        (_("Contacts"), t["contacts"]),
        (_("Contacts with a card"), t["with_card"]),
        (_("Unique card codes (people)"), t["people"]),
        (_("Returning visitors (2+ contacts)"), t["returning"]),
        (_("Repeat rate (%)"), t["repeat_rate"] if t["repeat_rate"] is not None else "–"),
        (_("New card holders"), t["new_cards"]),
        (_("Health-room visits"), data.health["visits"]),
        (_("Health-room visitors with a card"), data.health["people"]),
    ])]
    sheets.append(_sheet(_("Weeks"), [_("Week starting"), _("Contacts")], [(w.isoformat(), n) for w, n in data.weeks]))
    for title, counts in [(_("Sites"), data.sites), (_("Topics"), data.topics), (_("Referrals"), data.referrals),
                          (_("Outcomes"), data.outcomes), (_("Age bands"), data.age_bands),
                          (_("Genders"), data.genders), (_("Health room"), data.health["uses"])]:
        sheets.append(_sheet(title, [title, _("Count")], counts.items()))
    sheets.append(_sheet(_("Activities"), [_("Kind"), _("Held"), _("Attendance")],
                         [(kind, v["held"], v["attendance"]) for kind, v in data.activities.items()]))
    if rows:
        sheets.append(_sheet(_("Business courses"), [_("Date"), _("Place"), _("Organiser"), _("Topic"),
                                                     _("Attendance")], business_course_rows(data)))
    return write_xlsx(sheets)


def business_course_rows(data) -> list[tuple]:
    rows = []
    for a in data.business_courses:
        get = (lambda key, a=a: a[key]) if isinstance(a, dict) else (lambda key, a=a: getattr(a, key))
        rows.append((get("date").isoformat(), get("place"), str(get("organiser")), get("topic"), get("attendance")))
    return rows
