"""Writes on projects: a new project, and its intervention catalogue's new entries (the import's)."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from brobygger.identity import check_no_identity

from .models import Intervention, Organisation, Project


def create_project(*, slug: str, name: str, prefix: str = "", organisation: str = "") -> Project:
    """A new project led by `organisation` (created if unknown; the project's name by default)."""
    if Project.objects.filter(slug=slug).exists():
        raise ValueError(_("A project with the short name %(slug)s already exists.") % {"slug": slug})
    if Project.objects.filter(name=name).exists():
        raise ValueError(_("A project named %(name)s already exists.") % {"name": name})
    prefix = (prefix or "".join(ch for ch in slugify(slug).upper() if ch.isalpha())[:3] or "PRJ")[:4]
    check_no_identity(organisation)  # the project's own name is checked by its model below
    with transaction.atomic():
        lead, _created = Organisation.objects.get_or_create(
            name=organisation or name, defaults={"kind": Organisation.Kind.MUNICIPAL})
        project = Project(name=name, slug=slug, code_prefix=prefix, lead_organisation=lead)
        project.full_clean()
        project.save()
    return project


def add_interventions(*, project: Project, names: list[str]) -> list[Intervention]:
    """New entries of the project's intervention catalogue, one per name, in that order."""
    return [Intervention.objects.create(project=project, name=name) for name in names]
