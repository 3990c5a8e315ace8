from brobygger.matrix import Page

# Coordinators read their projects' log; administrators all of it.
readers = frozenset({"coordinator", "administrator"})

PAGES = [
    Page("audit_log", readers),
    Page("audit_log", readers, query="?course=KBH-XXXX&action=view"),
    Page("audit_export", readers),
]
