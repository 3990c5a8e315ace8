"""Helpers for the outreach browser tests: what a worker does on the phone, and what to wait for."""


def type_card_code(page, code: str, answer: str) -> None:
    """Type a card code and leave the field, as a worker does, then wait until the page's checks of it
    have answered (`answer`: ".card-check-ok" or ".card-check-bad"), before the test taps Save.

    The page checks the code after a pause in typing and again when the field is left (htmx). Tapping
    Save while that check runs sends a second request at once, and the test database (SQLite in
    memory, shared by the live server's threads) then fails one of them ("database
    table is locked") where PostgreSQL or a database file would wait: a failure no worker meets.
    """
    field = page.locator("#id_card_code")
    field.fill(code)
    page.locator(f"#card-check {answer}").wait_for()
    with page.expect_response(lambda response: "/contact/card-check/" in response.url):
        field.blur()  # "change": the check when the field is left
