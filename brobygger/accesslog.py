"""How a view declares what the access log (audit) makes of a request to it."""

from enum import StrEnum


class Kind(StrEnum):
    """What a request to a view is, for the access log (audit.middleware reads it). Each view
    declares its kind where it is defined (`logged_as`), so renaming an address never changes
    what the log says of it; audit/tests/test_kinds.py checks that every address's view has one."""

    PAGE = "page"  # a GET shows something: logged when it shows courses or searches; other methods change
    COURSE_LIST = "course_list"  # a GET is a look at courses (or a search for them); other methods change
    REPORT = "report"  # a GET reads a report; other methods change
    EXPORT = "export"  # any request hands data out
    IMPORT = "import"  # any request is a step of an import
    INVITATION = "invitation"  # a GET is a page; other methods send or withdraw an invitation
    AUDIT = "audit"  # a GET reads the access log; other methods change
    NOT_LOGGED = "not_logged"  # signing in and out (the sign-in signals log those), the language switch


def logged_as(kind: Kind):
    """A view decorator: declares the view's `Kind` (put it above the view's other decorators)."""

    def declare(view):
        view.audit_kind = Kind(kind)
        return view

    return declare
