from brobygger.matrix import COURSE_READERS, Page

PAGES = [
    # course_a belongs to organisation A: caseworker B has no consent to see it.
    Page("outcome_record", COURSE_READERS, kwargs=lambda w: {"code": w.course_a.code}),
]
