"""Fill a database with a big synthetic project for bench/report_bench.py (benchmarks only)."""

import random
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Membership, User
from brobygger.bulk import BATCH, insert_rows
from courses.models import Course, Gender, InterventionRecord, Referral, new_course_codes
from outcomes.categories import INDICATORS
from outcomes.models import Measurement
from projects.models import Intervention, Project
from projects.services import create_project
from wellbeing.models import Who5Response, who5_score

INTERVENTIONS = ["Rådgivning", "Rådgivning af fagperson", "Koordinerende forløb", "Case management (CTI)",
                 "Individuel terapi", "Gruppeterapi", "Bisidning og følgeskab", "Sociale aktiviteter",
                 "Beskæftigelsescoaching", "Gratis tøj", "Sundhedsrum", "Erhvervskursus"]


class Command(BaseCommand):
    help = ("Create the project 'bench' with N synthetic courses, about ten intervention records and three "
            "WHO-5 answers each, exit indicators measured two or three times for seven in ten, and a coordinator 'bench-coordinator'. For benchmarks only.")

    def add_arguments(self, parser):
        parser.add_argument("--courses", type=int, default=100_000)
        parser.add_argument("--slug", default="bench")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, courses, slug, seed, **options):
        if Project.objects.filter(slug=slug).exists():
            raise CommandError(f"The project {slug} exists already; use another --slug or a fresh database.")
        rng = random.Random(seed)
        with transaction.atomic():
            project = create_project(slug=slug, name=f"Benchmark {slug}", prefix="BEN",
                                     organisation=f"Benchmark organisation {slug}")
            org = project.lead_organisation
            user, _created = User.objects.get_or_create(username=f"{slug}-coordinator")
            Membership.objects.create(user=user, organisation=org, project=project, role=Membership.Role.COORDINATOR)
            catalogue = [Intervention.objects.create(project=project, name=n) for n in INTERVENTIONS]
        codes = new_course_codes(project.code_prefix, courses)
        genders = [Gender.WOMAN] * 7 + [Gender.MAN] * 2 + [Gender.NON_BINARY, Gender.UNKNOWN]
        first = date(2020, 1, 1)
        made = 0
        for start_index in range(0, courses, BATCH):
            with transaction.atomic():
                batch = []
                for i in range(start_index, min(courses, start_index + BATCH)):
                    start = first + timedelta(days=rng.randint(0, 1800))
                    end = rng.choice([None, None, start, start + timedelta(days=rng.randint(1, 700))])
                    batch.append({
                        "project_id": project.pk, "code": codes[i], "project_ref": f"B-{i:07d}",
                        "organisation_id": org.pk, "gender": rng.choice(genders),
                        "age_at_start": rng.choice([None, *range(18, 70)]), "start_date": start, "end_date": end})
                insert_rows(Course, batch)
                ids = dict(Course.objects.filter(project=project, project_ref__in=[c["project_ref"] for c in batch])
                           .values_list("project_ref", "pk"))
                records, answers, referrals, measurements = [], [], [], []
                for course in batch:
                    course_id, start = ids[course["project_ref"]], course["start_date"]
                    for _n in range(rng.randint(7, 13)):
                        intervention = rng.choice(catalogue)
                        records.append({
                            "course_id": course_id, "intervention_id": intervention.pk, "name": intervention.name,
                            "organisation_id": org.pk, "date": start + timedelta(days=rng.randint(0, 300))})
                    for k in range(3):
                        items = [rng.randint(0, 5) for _ in range(5)]
                        answers.append({
                            "course_id": course_id, "answered_on": start + timedelta(days=60 * k),
                            "mode": "imported", "item1": items[0], "item2": items[1], "item3": items[2],
                            "item4": items[3], "item5": items[4], "score": who5_score(items)})
                    # Exit indicators for seven in ten: a start and one or two follow-ups (issue 16).
                    if rng.random() < 0.7:
                        for k in range(rng.randint(2, 3)):
                            measurements.append({
                                "course_id": course_id, "measured_on": start + timedelta(days=90 * k),
                                "kind": "start" if k == 0 else "follow_up",
                                **{i.field: rng.choice(i.choices.values) for i in INDICATORS}})
                    if rng.random() < 0.05:
                        referrals.append({"course_id": course_id, "target": Referral.Target.ANTI_TRAFFICKING,
                                          "date": start, "organisation_id": org.pk})
                insert_rows(InterventionRecord, records)
                insert_rows(Who5Response, answers)
                insert_rows(Referral, referrals)
                insert_rows(Measurement, measurements)
            made += len(batch)
            self.stdout.write(f"{made} courses", ending="\r")
        self.stdout.write(f"Created the project {slug} with {made} courses.")
