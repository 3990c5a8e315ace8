"""The outreach follow-up for a reader outside the project: brobygger.disclosure's rule (counts of
1-4 people hidden, and every cell that would let anyone work one out) laid over the plain data
selectors.followup gathers, as reports/disclosure.py does for the project report. The threshold,
the complementary hiding and the marker are the shared module's; only the follow-up's tables,
what adds up to what, are described here, because only this app knows them.
"""

from brobygger.disclosure import HIDDEN, apply, protect

from .models import GroupActivity, OutreachContact


def disclosed_followup(data) -> None:
    """Hide in `data` (a selectors.FollowUp) what a reader outside the project may not see:
    contacts and people of 1-4, and with them whatever would let anyone work them out. The weeks and the sites each add up to the
    contacts; age bands and genders too, with the contacts where none was told (shown nowhere);
    a yes/no count (an outcome, a topic, a use of the health room) with the ones without it;
    the referrals by target add up to the contacts referred; returning and new card holders are
    among the people; the business courses' attendance adds up to that activity's. Courses and
    activities held are events, not people: they stay exact."""
    values, relations, implicit = {}, [], set()

    def table(name, counts, total, *, rest=False):
        keys = [(name, k) for k in counts]
        values.update(zip(keys, counts.values(), strict=True))
        if rest:  # the ones the table does not show, which anyone can work out from the total
            values[(name, None)] = values[total] - sum(counts.values())
            implicit.add((name, None))
            keys.append((name, None))
        relations.append((keys, total))
        return keys

    t = data.totals
    contacts, people = ("totals", "contacts"), ("totals", "people")
    values.update({("totals", k): v for k, v in t.items() if k != "repeat_rate"})
    relations.append(([("totals", "with_card"), ("totals", "without_card")], contacts))
    for key in ("returning", "new_cards"):  # and the people who are not: people less them
        values[(key, None)] = t["people"] - t[key]
        implicit.add((key, None))
        relations.append(([("totals", key), (key, None)], people))
    table("weeks", dict(data.weeks), contacts)
    table("sites", data.sites, contacts)
    table("age_bands", data.age_bands, contacts, rest=True)
    table("genders", data.genders, contacts, rest=True)
    for name in ("outcomes", "topics"):
        for label, n in getattr(data, name).items():
            table((name, label), {label: n}, contacts, rest=True)
    referred = str(OutreachContact._meta.get_field("referral_target").verbose_name).capitalize()
    table("referrals", data.referrals, (("outcomes", referred), referred))
    visits = ("health", "visits")
    values.update({visits: data.health["visits"], ("health", "people"): data.health["people"]})
    for label, n in data.health["uses"].items():
        table(("uses", label), {label: n}, visits, rest=True)
    for kind, v in data.activities.items():
        values[("attendance", kind)] = v["attendance"]
    table("business_courses", {i: a.attendance for i, a in enumerate(data.business_courses)},
          ("attendance", str(GroupActivity.Kind.BUSINESS_COURSE.label)))
    shown = apply(values, protect(values, relations, implicit=implicit))

    rate_hidden = shown[people] is HIDDEN or shown[("totals", "returning")] is HIDDEN
    data.totals = {k: shown[("totals", k)] for k in t if k != "repeat_rate"}
    data.totals["repeat_rate"] = HIDDEN if rate_hidden and t["repeat_rate"] is not None else t["repeat_rate"]
    data.weeks = [(w, shown[("weeks", w)]) for w, _n in data.weeks]
    for name in ("sites", "age_bands", "genders", "referrals"):
        setattr(data, name, {k: shown[(name, k)] for k in getattr(data, name)})
    for name in ("outcomes", "topics"):
        setattr(data, name, {k: shown[((name, k), k)] for k in getattr(data, name)})
    data.health = {"visits": shown[visits], "people": shown[("health", "people")],
                   "uses": {k: shown[(("uses", k), k)] for k in data.health["uses"]}}
    data.activities = {k: {"held": v["held"], "attendance": shown[("attendance", k)]} for k, v in data.activities.items()}
    data.business_courses = [
        {"date": a.date, "place": a.place, "organiser": a.organiser, "topic": a.topic,
         "attendance": shown[("business_courses", i)]} for i, a in enumerate(data.business_courses)
    ]
