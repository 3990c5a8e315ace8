"""Demo data: the four modules' outlines (drafts for the authors), an advisor, learners, network meetings."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from accounts.demo import demo_role, demo_user
from brobygger import demo

DRAFT_NOTE = (
    "UDKAST til forfatterne: overskrifter og afsnit er hentet fra vidensopsamlingen og skal skrives færdigt, "
    "før modulet bruges."
)

MODULES = [
    {
        "title": "Lovgivningen: med og uden lovligt ophold",
        "summary": "Hvad loven siger om at sælge og købe sex, og hvad det betyder for borgere med og uden lovligt ophold.",
        "topics": "lovgivningen om salg af sex og borgernes rettigheder",
        "sections": [
            ("Salg af sex mellem voksne er lovligt",
             "Salg og køb af sex mellem voksne (18+) er lovligt i Danmark. Indtægten er skattepligtig, og den, der "
             "sælger, skal registreres som selvstændig (CVR).\n\nRufferi, mellemmænd og udlejning af lokaler til "
             "sexarbejde er ulovligt. Derfor kan ingen ansættes som sexarbejder: der er ingen a-kasse og ingen "
             "faglige rettigheder."),
            ("Uden lovligt ophold",
             "Personer under 18 år og migranter uden lovligt ophold hører under andre myndigheder. Center mod "
             "Menneskehandel er en vigtig henvisning, hvis der er tegn på menneskehandel."),
        ],
        "question": ("Hvad vil du sige til en borger, der er bange for en sag om socialt bedrageri?", "reflection"),
    },
    {
        "title": "De forskellige grupper, der sælger sex",
        "summary": "Gruppen er meget forskellig: nogle er socialt inkluderede, andre er meget udsatte.",
        "topics": "de forskellige grupper, der sælger eller bytter sex",
        "sections": [
            ("Hvor mange og hvem",
             "Omkring 4.500 personer solgte sex mindst én gang i 2020 (VIVE). Nogle er socialt inkluderede og ønsker "
             "ikke at stoppe; andre er meget marginaliserede, med afhængighed af stoffer, psykisk sygdom, "
             "hjemløshed og vold."),
            ("Sex som bytte",
             "Mange kalder ikke det, de gør, for noget bestemt. Unge bytter fx sex for et sted at bo eller for "
             "stoffer. Det meste salg foregår i dag online."),
        ],
        "question": ("Hvilke ord bruger du, når du spørger ind til borgerens situation?", "reflection"),
    },
    {
        "title": "Mødet i kommunen og de tilbud, der findes",
        "summary": "Hvordan du møder borgeren i en kommunal sammenhæng, og hvor du kan bygge bro til.",
        "topics": "mødet med borgeren i kommunen og de tilbud, der findes",
        "sections": [
            ("Stigma er det centrale problem",
             "Mange skjuler det for sagsbehandlere, familie og læger. Projekter mistede borgere, når deres materiale "
             "satte en etiket på dem. Spørg åbent, og lad borgeren selv vælge ordene."),
            ("Tilbud, du kan bygge bro til",
             "Reden København, Mændenes Hjem, stofindtagelsesrummene, gratis anonym stofbehandling, Sociolancen, "
             "SundhedsTeam, gratis retshjælp og erhvervshusene. Se dem alle i tilbudsoversigten."),
        ],
        "question": ("Hvad er det vigtigste i den første samtale?", "choice",
                     "At få borgerens navn og CPR-nummer\nAt borgeren føler sig mødt uden at blive dømt\nAt "
                     "henvise hurtigst muligt", 2),
    },
    {
        "title": "Svære samtaler, traumer og at modvirke stigma",
        "summary": "Traumebevidst praksis og samtaler, der ikke gør skade.",
        "topics": "svære samtaler, traumer og stigma",
        "sections": [
            ("Traumebevidst praksis",
             "Mange har oplevet vold: 41 % af dem, der solgte sex på gaden, havde mødt vold fra købere (2011). "
             "Skab ro, forudsigelighed og valgmuligheder i samtalen."),
            ("At modvirke stigma",
             "Tal om borgerens situation og ønsker, ikke om en etiket. Det, der virkede i exitprojekterne, var "
             "medarbejdere, der kendte hinanden på tværs af kommune og NGO'er."),
        ],
        "question": ("Hvad gør du, hvis en samtale bliver for svær for borgeren?", "reflection"),
    },
]


@demo.extend
def add_knowledge(context):
    from accounts.models import Membership

    from . import services
    from .models import Module

    today, rng, orgs, users = context["today"], context["rng"], context["organisations"], context["users"]
    bif = next(o for n, o in orgs.items() if n.startswith("Københavns Kommune, Besk"))
    sof = next(o for n, o in orgs.items() if n.startswith("Københavns Kommune, Social"))
    sio = next(o for n, o in orgs.items() if n.startswith("SIO"))
    reden = orgs["Reden København"]
    project = context["project_2026"]

    vejleder = demo_user("vejleder", "Birgitte", "Holm")
    demo_role(vejleder, bif, None, Membership.Role.LEARNER)
    users["vejleder"] = vejleder

    modules = []
    for order, spec in enumerate(MODULES, start=1):
        module = Module.objects.create(title=spec["title"], summary=spec["summary"], topics=spec["topics"],
                                       order=order, author_note=DRAFT_NOTE, created_by=users["koordinator"])
        for heading, body in spec["sections"]:
            section = services.add_section(module=module, heading=heading, body=body)
        text, kind, *choice = spec["question"]
        services.add_question(section=section, kind=kind, text=text, choices=choice[0] if choice else "",
                              correct=choice[1] if choice else None)
        services.publish_module(module=module)
        modules.append(module)

    # Earlier completions, so the follow-up has numbers (groups under five show no mean change).
    learners = [vejleder, users["koordinator"], users["sagsbehandler"], users["sagsbehandler2"], users["opsoeger"],
                users["analytiker"]]
    for module in modules:
        for user in learners[: 6 if module.order < 3 else 3]:
            before = rng.randint(1, 3)
            attempt = services.start_module(module=module, user=user, rating_before=before)
            for section in module.sections.all():
                services.record_section(attempt=attempt, section=section, answers={})
            day = today - timedelta(days=rng.randint(5, 150))
            services.finish_module(attempt=attempt, rating_after=min(5, before + rng.randint(0, 2)),
                                   on=timezone.make_aware(datetime.combine(day, time(10))))

    services.save_advisor(name="Birgitte Holm", user=vejleder, organisation=bif, unit="Jobcenter København",
                          work_email="birgitte.holm@example.org", since=today - timedelta(days=30))
    services.save_advisor(name="Karim Rådgiver", organisation=sof, unit="Stofbehandling København",
                          work_email="karim.raadgiver@example.org", since=today - timedelta(days=60))

    first = services.save_meeting(project=project, date=today - timedelta(days=180), place="Rådhuset",
                                  agenda="Velkomst\nTilbudsoversigten\nVejlederordningen",
                                  minutes="Netværket er startet. Vi gennemgik tilbudsoversigten.",
                                  attendance={sof: 3, bif: 2, reden: 2, sio: 1}, by=users["koordinator"])
    services.add_action(meeting=first, text="Opdater tilbudsoversigten", owner="Aisha Koordinator",
                        due=today - timedelta(days=120))
    services.close_action(action=first.actions.get(), on=today - timedelta(days=110))
    second = services.save_meeting(project=project, date=today - timedelta(days=90), place="SIO",
                                   agenda="Erhvervskurser\nErfaringer fra vejlederne",
                                   minutes="SIO fortalte om erhvervskurserne.",
                                   attendance={sof: 2, bif: 1, sio: 3, reden: 1}, by=users["koordinator"])
    services.add_action(meeting=second, text="Inviter SIO til jobcentrets personaledag", owner="Birgitte Holm",
                        due=today + timedelta(days=100))
    services.save_meeting(project=project, date=today - timedelta(days=5), place="Reden København",
                          agenda="Status på opsøgende arbejde", minutes="",
                          attendance={sof: 2, reden: 3, bif: 1}, by=users["koordinator"])
