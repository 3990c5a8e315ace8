"""Copenhagen's set-up as demo data: organisations, projects, sites, catalogue, users, courses.

Everything here is fictitious. Other apps add their own demo content by registering a
function with `extend`; seed_demo calls them in order after the foundation is built.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

DEMO_PASSWORD = "brobygger-demo"  # nosec B105  # the demo's published password; seed_demo runs only with DEBUG on

ORGANISATIONS = [
    ("Københavns Kommune, Hjemløseenheden", "municipal"),
    ("Københavns Kommune, Socialforvaltningen (SOF)", "municipal"),
    ("Københavns Kommune, Beskæftigelses- og Integrationsforvaltningen (BIF)", "municipal"),
    ("Reden København", "ngo"),
    ("Reden International", "ngo"),
    ("LivaRehab", "ngo"),
    ("Mændenes Hjem", "ngo"),
    ("SIO, Sexarbejdernes Interesseorganisation", "ngo"),
    ("Socialstyrelsen", "national"),
]

EXIT_INTERVENTIONS = [
    ("Rådgivning", "Samtaler med borgeren om dennes situation og muligheder."),
    ("Rådgivning af fagperson om borger", "Rådgivning af en fagperson i en anden enhed om en borger."),
    ("Koordinerende forløb", "Koordinering af borgerens indsatser på tværs af forvaltninger og NGO'er."),
    ("Case management (CTI)", "Tidsafgrænset case management inspireret af Critical Time Intervention."),
    ("Individuel terapi", "Individuelle terapeutiske samtaler."),
    ("Gruppeterapi", "Terapeutiske forløb i gruppe."),
    ("Bisidning og følgeskab", "Følgeskab til møder med myndigheder."),
    ("Sociale aktiviteter", "Fællesskab og sociale aktiviteter."),
    ("Beskæftigelses- og uddannelsescoaching", "Coaching mod job eller uddannelse."),
    ("Gratis tøj", "Udlevering af tøj."),
]

SITES_2026 = ["H17", "Reden København", "Mændenes Hjem", "Sundholm, kvindeherberget", "Online"]
SITES_EXIT = ["Reden København", "LivaRehab", "Online"]

_extensions: list = []


def extend(func):
    """Register `func(context)` to add an app's demo content; `context` is the dict `build` returns."""
    _extensions.append(func)
    return func


def _user(username, first_name, last_name):
    from accounts.models import User

    user = User(username=username, first_name=first_name, last_name=last_name, is_demo=True)
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@transaction.atomic
def build(*, courses: int = 40, seed: int = 2026) -> dict:
    from accounts.models import Membership
    from courses import services
    from courses.models import Consent, Gender, Referral
    from projects.models import Intervention, Organisation, Project, Site

    rng = random.Random(seed)  # nosec B311  # fictitious demo data, repeatable from a seed; not a secret
    today = timezone.localdate()
    orgs = {name: Organisation.objects.create(name=name, kind=kind) for name, kind in ORGANISATIONS}
    o = lambda prefix: next(org for name, org in orgs.items() if name.startswith(prefix))  # noqa: E731
    hjemloes, sof, bif = o("Københavns Kommune, Hjem"), o("Københavns Kommune, Social"), o("Københavns Kommune, Besk")
    reden, reden_int, liva = o("Reden København"), o("Reden International"), o("LivaRehab")
    maendenes, sio, styrelsen = o("Mændenes Hjem"), o("SIO"), o("Socialstyrelsen")

    exit_project = Project.objects.create(
        name="Exit-Prostitution København", slug="exit-kbh", code_prefix="KBH",
        start_date=date(2025, 1, 1), end_date=date(2027, 12, 31), lead_organisation=hjemloes,
        description="Støtte til borgere, der ønsker hjælp til at komme ud af at sælge sex eller forbedre deres liv.",
    )
    exit_project.partners.set([reden, reden_int, liva])
    for name in SITES_EXIT:
        Site.objects.create(project=exit_project, name=name)
    catalogue = [
        Intervention.objects.create(project=exit_project, name=name, description=text)
        for name, text in EXIT_INTERVENTIONS
    ]

    project_2026 = Project.objects.create(
        name="Bedre vilkår for sexarbejdere 2026", slug="kbh-2026", code_prefix="BV",
        start_date=date(2026, 5, 1), end_date=date(2026, 12, 31), lead_organisation=sof,
        description="Kompetenceløft og vidensdeling, fremskudt åben anonym vejledning og erhvervskurser.",
    )
    project_2026.partners.set([bif, maendenes, sio, reden])
    for name in SITES_2026:
        Site.objects.create(project=project_2026, name=name)

    users = {
        "koordinator": _user("koordinator", "Aisha", "Koordinator"),
        "sagsbehandler": _user("sagsbehandler", "Mette", "Sagsbehandler"),
        "sagsbehandler2": _user("sagsbehandler2", "Lars", "Sagsbehandler"),
        "opsoeger": _user("opsoeger", "Jonas", "Opsøger"),
        "analytiker": _user("analytiker", "Henrik", "Analytiker"),
        "admin": _user("admin", "Ada", "Administrator"),
    }
    R = Membership.Role
    for user, org, project, role in [
        ("koordinator", hjemloes, exit_project, R.COORDINATOR),
        ("koordinator", sof, project_2026, R.COORDINATOR),
        ("sagsbehandler", reden, exit_project, R.CASEWORKER),
        ("sagsbehandler2", liva, exit_project, R.CASEWORKER),
        ("opsoeger", sof, project_2026, R.OUTREACH),
        ("analytiker", styrelsen, exit_project, R.ANALYST),
        ("analytiker", styrelsen, project_2026, R.ANALYST),
        ("admin", hjemloes, None, R.ADMINISTRATOR),
    ]:
        Membership.objects.create(user=users[user], organisation=org, project=project, role=role)

    genders = [Gender.WOMAN] * 7 + [Gender.MAN] * 2 + [Gender.NON_BINARY] + [Gender.UNKNOWN]
    owners = [reden] * 5 + [liva] * 3 + [hjemloes] * 2
    course_list = []
    for i in range(courses):
        start = exit_project.start_date + timedelta(days=rng.randint(0, max(1, (today - exit_project.start_date).days - 20)))
        owner = rng.choice(owners)
        creator = {reden: users["sagsbehandler"], liva: users["sagsbehandler2"]}.get(owner, users["koordinator"])
        age = rng.choice([None] + [rng.randint(19, 62) for _ in range(9)])
        course = services.register_course(
            project=exit_project, organisation=owner, by=creator, start_date=start,
            gender=rng.choice(genders), age_at_start=age, project_ref=f"EXIT-{i + 1:03d}",
        )
        # Decide first whether and when the course ended, so that nothing is dated after its end.
        end = None
        if rng.random() < 0.35:
            end = min(today, start + timedelta(days=rng.choice([0, 30, 90, 180, 300])))
        last_day = end or today
        span = max(0, (last_day - start).days)
        for _n in range(rng.choice([0, 1, 2, 2, 3, 3, 4, 5, 6])):
            on = start + timedelta(days=rng.randint(0, span))
            services.record_intervention(course=course, intervention=rng.choice(catalogue), organisation=owner,
                                         by=creator, on=on)
        if rng.random() < 0.5:
            target = rng.choice(Referral.Target.values)
            services.make_referral(
                course=course, target=target, organisation=owner, by=creator,
                on=start + timedelta(days=rng.randint(0, span)),
                status=rng.choice(Referral.Status.values),
            )
        if owner == reden and rng.random() < 0.3:
            services.record_consent(course=course, organisation=liva, scope=Consent.Scope.SHARE_COURSE,
                                    given_on=start, by=creator)
        if end is not None:
            services.update_course(course=course, by=creator, end_date=end,
                                   end_reason=rng.choice(["goal_reached", "referred", "no_contact", "moved"]))
        course_list.append(course)

    context = {
        "rng": rng, "today": today, "organisations": orgs, "users": users,
        "exit_project": exit_project, "project_2026": project_2026, "courses": course_list,
    }
    for func in _extensions:
        func(context)
    return context
