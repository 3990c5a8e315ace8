"""The budget note BI06's three initiatives for the demo project, with spending, goals and a meeting.

Amounts are the note's (Tabel 2 and 3, 1,000 DKK at 2026 prices). Initiative 1's staff
(849) is split in two halves of 424,500 DKK, one per committee, so that Tabel 3's
BIU 35.10 = 725 and SOC 32.10 = 425 come out of the same lines when rounded.
"""

from datetime import date, timedelta
from decimal import Decimal

from brobygger import demo

from . import meeting, spending
from .models import BudgetLine, GoalIndicator, Initiative
from .money import first_of_month, months_between

START, END = date(2026, 5, 1), date(2026, 12, 31)

INITIATIVES = [
    {
        "number": 1, "name": "Vidensløft og videndeling",
        "description": "Der udvikles fire undervisningsmoduler, der skal kompetenceudvikle KK-medarbejdere i at "
                       "håndtere mødet med målgruppen af sexarbejdere. Der udpeges kommunale vejledere i "
                       "Jobcenteret og i SOF, og der etableres netværk til vidensudveksling.",
        "goal": "Målet er at få forankret og udbredt viden om målgruppen hos kommunale medarbejdere, som er i "
                "berøring med målgruppen.",
        "follow_up": "Der følges op på kursusgennemførelse, og det evalueres, hvorvidt deltagerne oplever, at deres "
                     "vidensniveau på området er blevet hævet.",
        "lines": [
            ("Vidensløft og videndeling: frikøb af medarbejdere til vejledning i BIF og SOF samt koordinering "
             "af dialog med civilsamfundsorganisationer", "BIU", "35.10", "3510-4101", "424500"),
            ("Vidensløft og videndeling: frikøb af medarbejdere til vejledning i BIF og SOF samt koordinering "
             "af dialog med civilsamfundsorganisationer", "SOC", "32.10", "3210-4101", "424500"),
            ("Udvikling af undervisningsmateriale", "BIU", "35.10", "3510-4102", "300000"),
        ],
        "indicators": [("learning_completions", 150), ("self_rated_change", 1), ("network_meetings_held", 3)],
    },
    {
        "number": 2, "name": "Styrket fremskudt indsats",
        "description": "Åben og anonym vejledning til sexarbejdere i udsathed. Hjælp til at søge kontanthjælp, "
                       "komme i småjob og få social indsats. To årsværk i BIF og en ladcykel.",
        "goal": "Målet er at få flere i job og/eller tættere på arbejdsmarkedet ved at give målgruppen lettere "
                "adgang til beskæftigelsesrettet og socialfaglig vejledning.",
        "follow_up": "Der følges op på antallet af borgere, der gør brug af tilbuddet, for at vurdere "
                     "efterspørgslen. Da vejledningen er anonym, kan det ikke følges, om den enkelte får "
                     "sociale eller beskæftigelsesrettede indsatser.",
        "lines": [
            ("Styrket fremskudt indsats: to årsværk i BIF og en ladcykel", "BIU", "35.10", "3510-4201", "879000"),
        ],
        "indicators": [("anonymous_people", 150), ("anonymous_contacts", 600), ("courses_registered", 10),
                       ("referrals_started", 5)],
    },
    {
        "number": 3, "name": "Erhvervsrettede kurser",
        "description": "Der etableres erhvervsrettede kurser for selvstændige sexarbejdere, der ønsker basal viden "
                       "om etablering af egen virksomhed. Ét kursus i kvartalet, holdt hos SIO.",
        "goal": "Målet er at styrke sexarbejderes viden om krav og regler i forbindelse med at være selvstændigt "
                "erhvervsdrivende.",
        "follow_up": "Ultimo 2026 følges der op på, om kurserne er blevet holdt, og med hvilken deltagelse.",
        "lines": [
            ("Erhvervsrettede kurser: et halvt årsværk og samarbejde/koordination med civilsamfundsaktør",
             "BIU", "35.10", "3510-4301", "500000"),
        ],
        "indicators": [("business_courses_held", 3), ("business_course_attendance", 30)],
    },
]

# Spent per month as a share of the planned amount, by line (finance account); lumps in DKK by month number.
PACE = {"3510-4101": 0.97, "3210-4101": 1.0, "3510-4201": 1.0, "3510-4301": 0.8}
LUMPS = {"3510-4201": {5: Decimal("45000")}, "3510-4102": {6: Decimal("60000"), 8: Decimal("90000"),
                                                             10: Decimal("60000")}}


def _booked_months(today):
    return [m for m in months_between(START, END) if m < first_of_month(today)]


@demo.extend
def build_budget(context):
    project, today, rng = context["project_2026"], context["today"], context["rng"]
    coordinator = context["users"]["koordinator"]
    lines = {}
    for spec in INITIATIVES:
        initiative = Initiative.objects.create(
            project=project, number=spec["number"], name=spec["name"], description=spec["description"],
            goal=spec["goal"], follow_up=spec["follow_up"], start_date=START, end_date=END,
        )
        for text, committee, account, finance_account, amount in spec["lines"]:
            lines[finance_account] = BudgetLine.objects.create(
                initiative=initiative, text=text, committee=committee, account=account,
                finance_account=finance_account, year=2026, amount=Decimal(amount),
            )
        for key, target in spec["indicators"]:
            GoalIndicator.objects.create(initiative=initiative, key=key, target=Decimal(target),
                                         period_start=START, period_end=END)

    booked = _booked_months(today)
    csv_rows = ["dato;konto;beløb;tekst"]
    for account, line in lines.items():
        plan = line.amount / 8
        for month in booked:
            amount = Decimal(LUMPS.get(account, {}).get(month.month, 0))
            if account in PACE:
                amount += (plan * Decimal(str(PACE[account])) * Decimal(rng.uniform(0.93, 1.07))).quantize(Decimal("1"))
            if not amount:
                continue
            if account == "3510-4201":  # outreach's spending comes from the finance system's export
                last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
                csv_rows.append(f"{last_day:%d-%m-%Y};{account};{amount:.2f}".replace(".", ",") + ";Løn og drift")
            else:
                spending.enter_spending(line=line, month=month, kind="spent", amount=amount, by=coordinator,
                                        text="Løn" if account != "3510-4102" else "Center for Digital Læring")
    if END >= first_of_month(today) > START:
        spending.enter_spending(line=lines["3510-4102"], month=date(2026, 12, 1), kind="committed",
                                amount=Decimal("50000"), by=coordinator, text="Sidste rate, undervisningsmoduler")
    if len(csv_rows) > 1:
        spending.import_finance_csv(initiative=lines["3510-4201"].initiative, filename="oes-udtraek-fremskudt.csv",
                                    data="\n".join(csv_rows).encode(), by=coordinator)
    _courses_and_meeting(context, project, today, rng, coordinator)


def _outcomes(course_list, today):
    """Exit indicators and WHO-5 answers for the project's courses, so the cost per outcome has figures.

    A random source of its own: the rest of the demo draws the same numbers as before."""
    import random

    from courses.models import Course
    from outcomes.demo import measure_courses
    from wellbeing.demo import answer_courses

    rng = random.Random(2634)  # nosec B311  # fictitious demo data, repeatable; not a secret
    courses = list(Course.objects.filter(pk__in=[c.pk for c in course_list]).select_related("project").order_by("pk"))
    # Drawn a little more hopeful than the Exit project's, so each cost per outcome has figures to show.
    answer_courses(rng, today, courses, drift=(-2, 5))
    measure_courses(rng, today, courses, moves=0.6)


def _courses_and_meeting(context, project, today, rng, coordinator):
    """A few courses from the outreach counselling, so the team meeting and two indicators have data."""
    from courses import services as courses
    from courses.models import Referral

    meeting.record_meeting(project=project, on=today - timedelta(days=7), by=coordinator)
    if today <= START:
        return
    organisation = project.lead_organisation
    span = (min(today, END) - START).days
    course_list = []
    for i in range(14):
        # The last two started within the past week, so the team meeting has news.
        start = START + timedelta(days=int(span * (i + rng.random()) / 14)) if i < 12 else max(START, today - timedelta(days=15 - i))
        course = courses.register_course(
            project=project, organisation=organisation, by=coordinator, start_date=min(start, today),
            gender=rng.choice(["woman"] * 5 + ["man", "non_binary"]), age_at_start=rng.randint(21, 58),
        )
        course_list.append(course)
        if i % 2 == 0:
            status = "started" if i < 10 else "requested"
            target = rng.choice([Referral.Target.JOB_CENTRE, Referral.Target.DRUG_TREATMENT,
                                 Referral.Target.SOCIAL_SERVICES])
            on = min(today, course.start_date + timedelta(days=rng.randint(1, 10)))
            referral = courses.make_referral(course=course, target=target, organisation=organisation, by=coordinator,
                                             on=on)
            if status == "started":
                courses.set_referral_status(referral=referral, status="started", by=coordinator,
                                            on=min(today, on + timedelta(days=rng.randint(3, 20))))
        if i in (1, 4):
            courses.update_course(course=course, by=coordinator, end_date=min(today, course.start_date + timedelta(
                days=60)), end_reason="goal_reached" if i == 1 else "referred")
        if i == 9:  # moved into her own flat this week
            courses.update_course(course=course, by=coordinator, end_date=max(course.start_date, today - timedelta(
                days=3)), end_reason="moved")
    _outcomes(course_list, today)
    meeting.raise_flag(project=project, by=coordinator, on=today - timedelta(days=2),
                        text="Kvindeherberget på Sundholm ønsker besøg tirsdag i stedet for torsdag.")
    meeting.raise_flag(project=project, by=coordinator, on=today - timedelta(days=1), course=course_list[-2],
                        text="Henvisningen har ventet længe: ring til modtageren efter mødet.")
