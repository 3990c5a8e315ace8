"""Demo WHO-5 answers: a first measurement for most courses, follow-ups that thin out over time."""

from datetime import timedelta

from brobygger import demo


@demo.extend
def add_who5_answers(context):
    answer_courses(context["rng"], context["today"], context["courses"])


def answer_courses(rng, today, courses, *, drift: tuple[int, int] = (-3, 4)) -> None:
    """WHO-5 answers for `courses` (the budget's demo project uses it for its own courses); between two
    answers the sum of the five moves by a number in `drift`."""
    from .models import Who5Response
    from .rounds import rounds_due

    for course in courses:
        level = rng.randint(4, 13)  # sum of the five answers at the start: scores 16-52
        for k, day in rounds_due(course, today):
            # The follow-up collapsed in the national projects; the demo shows some of that.
            if rng.random() > (0.85 if k == 0 else max(0.35, 0.8 - 0.1 * k)):
                continue
            on = min(today, day + timedelta(days=rng.randint(-5, 20)))
            if on < course.start_date:
                on = course.start_date
            level = max(0, min(25, level + rng.randint(*drift)))
            answers = _spread(rng, level)
            with_worker = rng.random() < 0.5
            Who5Response.objects.create(
                course=course, answered_on=on, language=rng.choice(["da"] * 6 + ["en"]),
                mode=Who5Response.Mode.WITH_WORKER if with_worker else Who5Response.Mode.ALONE,
                recorded_by=course.created_by if with_worker else None,
                **{f"item{i + 1}": a for i, a in enumerate(answers)},
            )


def _spread(rng, total: int) -> list[int]:
    """Five answers 0-5 that add up to `total` (0-25)."""
    answers = [0] * 5
    for _ in range(total):
        i = rng.choice([j for j in range(5) if answers[j] < 5])
        answers[i] += 1
    return answers
