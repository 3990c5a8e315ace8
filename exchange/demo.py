"""Demo data for the exchange and the reports: the contract's Esbjerg history, imported as a
second project, so the report and the cross-project view have WHO-5 rounds to show."""

from pathlib import Path

from brobygger import demo

ESBJERG = Path(__file__).parent / "tests" / "data" / "esbjerg"


@demo.extend
def import_esbjerg(context):
    from accounts.demo import demo_role
    from accounts.models import Membership
    from projects.services import create_project

    from . import services

    orgs = context["organisations"]
    styrelsen = next(org for name, org in orgs.items() if name.startswith("Socialstyrelsen"))
    project = create_project(slug="reden-esbjerg", name="Reden Esbjerg", prefix="ESB", organisation="Esbjerg Kommune")
    services.import_registrations(project=project, data=(ESBJERG / "registrering.xlsx").read_bytes())
    services.import_who5(project=project, data=(ESBJERG / "who5.csv").read_bytes())
    demo_role(context["users"]["analytiker"], styrelsen, project, Membership.Role.ANALYST)
    context["esbjerg_project"] = project
