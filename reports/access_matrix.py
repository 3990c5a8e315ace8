from brobygger.matrix import Page

REPORT_READERS = frozenset({"coordinator", "analyst"})
slug = lambda w: {"slug": w.project.slug}  # noqa: E731

PAGES = [
    Page("report_index", REPORT_READERS | {"coordinator_aarhus", "analyst_aarhus"}),
    # The world's analysts belong to a national organisation: the cross-project view is theirs alone
    # (each sees the projects they are analysts of).
    Page("report_compare", frozenset({"analyst", "analyst_aarhus"})),
    Page("report_compare_pdf", frozenset({"analyst", "analyst_aarhus"})),
    Page("report_compare_xlsx", frozenset({"analyst", "analyst_aarhus"})),
    Page("project_report", REPORT_READERS, kwargs=slug),
    Page("project_report_json", REPORT_READERS, kwargs=slug),
    Page("project_report_xlsx", REPORT_READERS, kwargs=slug),
    Page("project_report_pdf", REPORT_READERS, kwargs=slug),
]
