from brobygger.matrix import Page

# Coordinators (of any project) read their projects' log; administrators all of it.
readers = frozenset({"coordinator", "administrator"})

PAGES = [
    Page("audit_log", readers | {"coordinator_aarhus"}),
    Page("audit_log", readers | {"coordinator_aarhus"}, query="?course=KBH-XXXX&action=view"),
    Page("audit_export", frozenset({"administrator"})),  # coordinators: an export request (exports app)
]
