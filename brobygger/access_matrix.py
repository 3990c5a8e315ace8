from .matrix import ROLES, Page

everyone = frozenset(ROLES)

PAGES = [
    Page("accessibility", everyone, public=True),
    Page("privacy", everyone, public=True),
]

# Pages outside the matrix, and why.
EXEMPT = {
    "set_language": "public POST endpoint of Django's i18n; tested in tests/test_language.py",
    "login": "the sign-in page itself; tested in signin/tests/test_signin.py",
    "logout": "POST only; tested in signin/tests/test_signin.py",
}
