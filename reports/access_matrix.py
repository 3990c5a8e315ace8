from brobygger.matrix import Page

REPORT_READERS = frozenset({"coordinator", "analyst"})
slug = lambda w: {"slug": w.project.slug}  # noqa: E731

PAGES = [
    Page("report_index", REPORT_READERS),
    # The world's analyst belongs to a national organisation: the cross-project view is theirs alone.
    Page("report_compare", frozenset({"analyst"})),
    Page("report_compare_pdf", frozenset({"analyst"})),
    Page("report_compare_xlsx", frozenset({"analyst"})),
    Page("project_report", REPORT_READERS, kwargs=slug),
    Page("project_report_json", REPORT_READERS, kwargs=slug),
    Page("project_report_xlsx", REPORT_READERS, kwargs=slug),
    Page("project_report_pdf", REPORT_READERS, kwargs=slug),
]
