"""The demo users, one per role, and their roles in the demo projects (brobygger.demo)."""

from brobygger import demo
from projects.demo import organisation

from .models import Membership, User


def demo_user(username, first_name, last_name):
    user = User(username=username, first_name=first_name, last_name=last_name, is_demo=True)
    user.set_password(demo.DEMO_PASSWORD)
    user.save()
    return user


def demo_role(user, organisation, project, role) -> Membership:
    """A demo user's role; the other apps' demo parts give their people roles through this."""
    return Membership.objects.create(user=user, organisation=organisation, project=project, role=role)


@demo.extend(order=demo.FOUNDATION["accounts"])
def accounts_demo(context):
    o = lambda prefix: organisation(context, prefix)  # noqa: E731
    exit_project, project_2026 = context["exit_project"], context["project_2026"]
    users = context["users"] = {
        "koordinator": demo_user("koordinator", "Aisha", "Koordinator"),
        "sagsbehandler": demo_user("sagsbehandler", "Mette", "Sagsbehandler"),
        "sagsbehandler2": demo_user("sagsbehandler2", "Lars", "Sagsbehandler"),
        "opsoeger": demo_user("opsoeger", "Jonas", "Opsøger"),
        "analytiker": demo_user("analytiker", "Henrik", "Analytiker"),
        "admin": demo_user("admin", "Ada", "Administrator"),
    }
    hjemloes, sof, styrelsen = o("Københavns Kommune, Hjem"), o("Københavns Kommune, Social"), o("Socialstyrelsen")
    R = Membership.Role
    for user, org, project, role in [
        ("koordinator", hjemloes, exit_project, R.COORDINATOR),
        ("koordinator", sof, project_2026, R.COORDINATOR),
        ("sagsbehandler", o("Reden København"), exit_project, R.CASEWORKER),
        ("sagsbehandler2", o("LivaRehab"), exit_project, R.CASEWORKER),
        ("opsoeger", sof, project_2026, R.OUTREACH),
        ("analytiker", styrelsen, exit_project, R.ANALYST),
        ("analytiker", styrelsen, project_2026, R.ANALYST),
        ("admin", hjemloes, None, R.ADMINISTRATOR),
    ]:
        demo_role(users[user], org, project, role)
