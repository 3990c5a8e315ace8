"""The demo's foundation (brobygger.demo): Copenhagen's organisations, its two projects, their sites
and the exit project's intervention catalogue. Everything is fictitious."""

from datetime import date

from brobygger import demo

from .models import Intervention, Organisation, Project, Site

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


def organisation(context, prefix: str) -> Organisation:
    """The demo organisation whose name starts with `prefix`."""
    return next(org for name, org in context["organisations"].items() if name.startswith(prefix))


@demo.extend(order=demo.FOUNDATION["projects"])
def projects_demo(context):
    context["organisations"] = {
        name: Organisation.objects.create(name=name, kind=kind) for name, kind in ORGANISATIONS
    }
    o = lambda prefix: organisation(context, prefix)  # noqa: E731

    exit_project = Project.objects.create(
        name="Exit-Prostitution København", slug="exit-kbh", code_prefix="KBH",
        start_date=date(2025, 1, 1), end_date=date(2027, 12, 31), lead_organisation=o("Københavns Kommune, Hjem"),
        description="Støtte til borgere, der ønsker hjælp til at komme ud af at sælge sex eller forbedre deres liv.",
    )
    exit_project.partners.set([o("Reden København"), o("Reden International"), o("LivaRehab")])
    for name in SITES_EXIT:
        Site.objects.create(project=exit_project, name=name)
    context["catalogue"] = [
        Intervention.objects.create(project=exit_project, name=name, description=text)
        for name, text in EXIT_INTERVENTIONS
    ]

    project_2026 = Project.objects.create(
        name="Bedre vilkår for sexarbejdere 2026", slug="kbh-2026", code_prefix="BV",
        start_date=date(2026, 5, 1), end_date=date(2026, 12, 31), lead_organisation=o("Københavns Kommune, Social"),
        description="Kompetenceløft og vidensdeling, fremskudt åben anonym vejledning og erhvervskurser.",
    )
    project_2026.partners.set([o("Københavns Kommune, Besk"), o("Mændenes Hjem"), o("SIO"), o("Reden København")])
    for name in SITES_2026:
        Site.objects.create(project=project_2026, name=name)
    context["exit_project"], context["project_2026"] = exit_project, project_2026
