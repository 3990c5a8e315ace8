"""The exit project's fictitious courses, with their interventions, referrals, consents and ends
(brobygger.demo)."""

from datetime import timedelta

from brobygger import demo
from directory.models import Service
from projects.demo import organisation

from . import services
from .models import Consent, Gender, Referral


@demo.extend(order=demo.FOUNDATION["courses"])
def courses_demo(context):
    rng, today, users = context["rng"], context["today"], context["users"]
    exit_project, catalogue = context["exit_project"], context["catalogue"]
    hjemloes = organisation(context, "Københavns Kommune, Hjem")
    reden, liva = organisation(context, "Reden København"), organisation(context, "LivaRehab")
    genders = [Gender.WOMAN] * 7 + [Gender.MAN] * 2 + [Gender.NON_BINARY] + [Gender.UNKNOWN]
    owners = [reden] * 5 + [liva] * 3 + [hjemloes] * 2
    course_list = []
    for i in range(context["course_count"]):
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
    context["courses"] = course_list


@demo.extend
def refer_to_services(context):
    """A few of the exit project's citizens referred the way workers do it: to a service picked
    from the directory (the form copies its name), or to one typed in by hand."""
    picked = [Service.objects.get(name=name) for name in ("Mændenes Hjem", "Reden København")]
    typed = [(Referral.Target.HOUSING, "Kirkens Korshærs natvarmestue"), (Referral.Target.OTHER, "Tandklinikken, Vesterbro")]
    exit_courses = [c for c in context["courses"] if c.project_id == context["exit_project"].pk]
    for course, service in zip(exit_courses[0::5], picked, strict=False):
        services.make_referral(course=course, target=service.kind, organisation=course.organisation,
                               by=course.created_by, on=course.start_date, service_name=service.name,
                               directory_service=service)
    for course, (target, name) in zip(exit_courses[2::5], typed, strict=False):
        services.make_referral(course=course, target=target, organisation=course.organisation, by=course.created_by,
                               on=course.start_date, service_name=name)
