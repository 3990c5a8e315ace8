"""Issue 13: the round trip of a project's own export, for what the demo data does not hold."""

from datetime import date

from courses import services as courses
from directory.models import Service
from wellbeing.services import record_who5

from .helpers import everything, run


def test_the_round_trip_holds_for_what_the_demo_lacks(world, tmp_path):
    """A course with only a birth year, two answers on one day, a service name holding ";" or a
    control character, a directory service referred to without a typed name, a course without own id."""
    project, by = world.project, world.users["coordinator"]
    born = courses.register_course(project=project, organisation=world.lead, by=by, start_date=date(2026, 3, 1),
                                   birth_year=1980, project_ref="EXIT-900")
    service = Service.objects.create(name="Stenbroens Jurister", provider="Stenbroen", kind="legal_aid")
    for target, name, directory in [("other", "Varmestue; nat", None), ("legal_aid", "", service),
                                    ("housing", "Herberg\x0bNord", None), ("job_centre", "", None)]:
        courses.make_referral(course=born, target=target, organisation=world.lead, by=by, on=date(2026, 3, 2),
                              service_name=name, directory_service=directory)
    for answers in ([3, 3, 3, 3, 3], [4, 4, 4, 4, 4]):
        record_who5(course=born, answers=answers, language="da", by=by, on=date(2026, 3, 5))
    record_who5(course=world.course_b, answers=[1, 2, 3, 4, 5], language="da", by=by, on=date(2026, 3, 5))
    before = everything(project)
    workbook, answers = tmp_path / "registrering.xlsx", tmp_path / "who5.csv"
    run("export_registrations", project.slug, str(workbook), "--who5", str(answers), "--language", "en")
    run("import_registrations", project.slug, str(workbook))
    run("import_who5", project.slug, str(answers))
    after = everything(project)
    for name, rows in before.items():
        assert after[name] == rows, name
