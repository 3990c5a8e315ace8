"""The follow-up as an Excel workbook: the same numbers as the page (small numbers hidden the same way)."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

FORMULA_START = ("=", "+", "-", "@", "\t", "\0")


def _cell(value):
    """Text a user typed (a place, a topic) must never become a formula in Excel."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _sheet(wb, title, header, rows):
    ws = wb.create_sheet(title=title[:31])
    ws.append([_cell(h) for h in header])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.column_dimensions["A"].width = 40
    return ws


def followup_workbook(data) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    t = data.totals
    _sheet(wb, _("Summary"), [_("Measure"), _("Value")], [
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
    ])
    _sheet(wb, _("Weeks"), [_("Week starting"), _("Contacts")], [(w.isoformat(), n) for w, n in data.weeks])
    for title, counts in [(_("Sites"), data.sites), (_("Topics"), data.topics), (_("Referrals"), data.referrals),
                          (_("Outcomes"), data.outcomes), (_("Age bands"), data.age_bands),
                          (_("Genders"), data.genders), (_("Health room"), data.health["uses"])]:
        _sheet(wb, title, [title, _("Count")], list(counts.items()))
    _sheet(wb, _("Activities"), [_("Kind"), _("Held"), _("Attendance")],
           [(kind, v["held"], v["attendance"]) for kind, v in data.activities.items()])
    rows = []
    for a in data.business_courses:
        get = (lambda key, a=a: a[key]) if isinstance(a, dict) else (lambda key, a=a: getattr(a, key))
        rows.append((get("date").isoformat(), get("place"), str(get("organiser")), get("topic"), get("attendance")))
    _sheet(wb, _("Business courses"), [_("Date"), _("Place"), _("Organiser"), _("Topic"), _("Attendance")], rows)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
