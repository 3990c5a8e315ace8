"""The citizen's phone, in Chromium at 390 x 844: answer from a link, once, in Danish or English."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from courses import services as course_services
from wellbeing import services
from wellbeing.models import Who5Response
from wellbeing.rounds import add_months
from wellbeing.services import record_who5

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _clear_rate_limit(transactional_db):
    cache.clear()  # a database table that the flush after a live-server test does not empty


def answer_all(page, labels):
    for i, label in enumerate(labels, start=1):
        page.locator(f"#id_item{i}").get_by_label(label, exact=True).check()


def test_citizen_answers_in_danish_and_the_link_is_refused_the_second_time(ui, world):
    _, token = services.create_invitation(course=world.course_a, by=world.users["caseworker_a"])
    ui.phone().goto(f"/s/{token}/")
    page = ui.page
    assert page.locator("h1").inner_text() == "Hvordan har du haft det?"
    ui.check()
    # Fits a small phone: nothing scrolls sideways, and every answer is a large touch target.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    heights = page.locator(".who5-options label").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert len(heights) == 30 and min(heights) >= 44
    # Sending with a statement left out names it and stores nothing.
    answer_all(page, ["Det meste af tiden"] * 4)
    page.get_by_role("button", name="Send mine svar").click()
    assert page.locator("#error-summary").is_visible()
    assert "Udsagn 5" in page.locator("#error-summary").inner_text()
    assert Who5Response.objects.count() == 0
    ui.check()
    page.locator("#id_item5").get_by_label("Hele tiden", exact=True).check()
    page.get_by_role("button", name="Send mine svar").click()
    page.wait_for_url(re.compile(r"/s/done/"))
    assert page.locator("h1").inner_text() == "Tak"
    ui.check()
    saved = Who5Response.objects.get(course=world.course_a)
    assert (saved.score, saved.language, saved.mode) == (84, "da", "alone")
    assert page.context.cookies() == []
    assert page.evaluate("window.localStorage.length + window.sessionStorage.length") == 0
    ui.goto(f"/s/{token}/")
    assert page.locator("h1").inner_text() == "Linket virker ikke længere"
    # The page is sent with status 404 on purpose (same for unknown, used and expired links);
    # Chromium logs that as a console error, which is not a fault of the page.
    ui.console_errors.clear()
    ui.check()


def test_citizen_chooses_english(ui, world):
    _, token = services.create_invitation(course=world.course_a, by=None)
    ui.phone().goto(f"/s/{token}/")
    ui.page.get_by_role("link", name="English").click()
    assert ui.page.locator("h1").inner_text() == "How have you been?"
    assert ui.page.locator("html").get_attribute("lang") == "en"
    ui.check()
    answer_all(ui.page, ["Some of the time", "At no time", "More than half of the time", "Most of the time",
                         "All of the time"])
    ui.page.get_by_role("button", name="Send my answers").click()
    ui.page.wait_for_url(re.compile(r"/s/done/"))
    assert ui.page.locator("h1").inner_text() == "Thank you"
    assert Who5Response.objects.get().language == "en"
    assert Who5Response.objects.get().score == 4 * (1 + 0 + 3 + 4 + 5)


def test_leave_quickly_goes_to_a_neutral_site_and_leaves_no_way_back(ui, world):
    _, token = services.create_invitation(course=world.course_a, by=None)
    ui.page.route("https://www.dmi.dk/**", lambda route: route.fulfill(body="<h1>Vejret</h1>",
                                                                       content_type="text/html"))
    ui.phone().goto(f"/s/{token}/")
    ui.page.get_by_role("link", name="Forlad siden hurtigt").click()
    ui.page.wait_for_url("https://www.dmi.dk/")
    ui.page.go_back()
    assert "/s/" not in ui.page.url


def test_the_score_is_on_the_course_page_at_phone_width(ui, world):
    services.submit_who5(invitation=services.create_invitation(course=world.course_a, by=None)[0],
                         answers=[3, 3, 3, 3, 3], language="da")
    ui.phone().login("caseworker_a").goto(f"/courses/{world.course_a.code}/")
    table = ui.page.locator("#who5-scores")
    assert "60" in table.inner_text()
    ui.check()
    ui.goto(f"/wellbeing/courses/{world.course_a.code}/invite/")
    ui.page.get_by_role("button", name="Lav link og QR-kode").click()
    ui.page.locator(".who5-card svg").wait_for()
    ui.check()
    # A course measured at its start whose first follow-up was due 20 days ago is overdue.
    start = add_months(timezone.localdate() - timedelta(days=20), -2)
    late = course_services.register_course(project=world.project, organisation=world.org_a,
                                           by=world.users["caseworker_a"], start_date=start)
    record_who5(course=late, answers=[2] * 5, language="da", by=None, on=start)
    ui.goto("/wellbeing/")
    row = ui.page.locator("table.who5-due tr", has_text=late.code)  # the exit indicators have a table too
    assert "Overskredet med 20 dage" in row.inner_text()
    ui.check()
    ui.goto(f"/wellbeing/courses/{world.course_a.code}/answer/")
    ui.check()


def _back_until_the_start(ui, questionnaire_words):
    """Press Back until the browser has nowhere to go; no page on the way may show the questionnaire."""
    page = ui.page
    seen = []
    for _ in range(10):
        if page.go_back() is None and page.url == "about:blank":
            break
        seen.append(page.url)
        body = page.locator("body").inner_text() if page.url.startswith(ui.base) else ""
        for words in questionnaire_words:
            assert words not in body, f"Back showed the questionnaire again at {page.url}"
    assert page.url == "about:blank"
    return seen


def test_leave_quickly_after_a_language_switch_and_a_refused_send_leaves_nothing_behind(ui, world):
    _, token = services.create_invitation(course=world.course_a, by=None)
    ui.page.route("https://www.dmi.dk/**", lambda route: route.fulfill(body="<h1>Vejret</h1>",
                                                                       content_type="text/html"))
    page = ui.phone().page
    ui.goto(f"/s/{token}/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"lang=en"))
    answer_all(page, ["Some of the time"] * 3)
    page.get_by_role("button", name="Send my answers").click()
    assert page.locator("#error-summary").is_visible()
    assert "Statement 4" in page.locator("#error-summary").inner_text()
    ui.check()
    page.get_by_role("link", name="Leave quickly").click()
    page.wait_for_url("https://www.dmi.dk/")
    seen = _back_until_the_start(ui, ["How have you been?", "Hvordan har du haft det?"])
    assert all("/s/" not in url for url in seen)
    assert Who5Response.objects.count() == 0


def test_leave_quickly_from_the_thank_you_page_does_not_lead_back_to_the_answers(ui, world):
    _, token = services.create_invitation(course=world.course_a, by=None)
    ui.page.route("https://www.dmi.dk/**", lambda route: route.fulfill(body="<h1>Vejret</h1>",
                                                                       content_type="text/html"))
    page = ui.phone().page
    ui.goto(f"/s/{token}/")
    page.get_by_role("link", name="Tilgængelighedserklæring").click()
    page.wait_for_url(re.compile(r"/s/accessibility/"))
    page.get_by_role("link", name="Tilbage til spørgsmålene").click()
    page.wait_for_url(re.compile(rf"/s/{token}/"))
    answer_all(page, ["Hele tiden"] * 5)
    page.get_by_role("button", name="Send mine svar").click()
    page.wait_for_url(re.compile(r"/s/done/"))
    assert Who5Response.objects.count() == 1
    page.get_by_role("link", name="Forlad siden hurtigt").click()
    page.wait_for_url("https://www.dmi.dk/")
    seen = _back_until_the_start(ui, ["Hvordan har du haft det?", "Hele tiden"])
    assert all("/s/" not in url for url in seen)


def test_the_citizen_pages_line_up_on_a_phone(ui, world):
    _, token = services.create_invitation(course=world.course_a, by=None)
    page = ui.phone().page
    ui.goto(f"/s/{token}/")
    page.locator("#id_item1").get_by_label("Hele tiden", exact=True).check()
    geometry = page.evaluate("""() => {
      const label = document.querySelector('#id_item1 .form-radio:checked + label');
      const circle = getComputedStyle(label, '::before'), dot = getComputedStyle(label, '::after');
      const box = label.getBoundingClientRect(), range = document.createRange();
      range.selectNodeContents(label);
      const text = range.getBoundingClientRect();
      const fieldset = document.getElementById('id_item1').getBoundingClientRect();
      const legend = document.querySelector('#id_item1 legend').getBoundingClientRect();
      return {
        textMiddle: text.top + text.height / 2 - box.top,
        circleMiddle: parseFloat(circle.top) + parseFloat(circle.marginTop) + parseFloat(circle.height) / 2,
        dotMiddle: parseFloat(dot.top) + parseFloat(dot.marginTop) + parseFloat(dot.height) / 2,
        legendTop: legend.top - fieldset.top,
      };
    }""")
    # The circle (and the dot of the chosen answer) sit beside the middle of their text's first line.
    assert abs(geometry["circleMiddle"] - geometry["textMiddle"]) <= 2, geometry
    assert abs(geometry["dotMiddle"] - geometry["textMiddle"]) <= 2, geometry
    # The line between statements runs above the statement, not through its heading ("I de sidste 2 uger").
    assert geometry["legendTop"] > 8, geometry
    ui.goto("/s/done/?lang=da")
    # The thank-you text starts at the page's margin like every other page, not pushed in.
    assert page.locator("h1").bounding_box()["x"] == page.locator("main").bounding_box()["x"] + 16
    assert page.locator("main").bounding_box()["x"] == 0


def test_the_citizen_page_is_light_for_a_slow_phone(ui, world):
    """Everything the page loads, counted uncompressed (the bench measures it compressed, on Slow 3G)."""
    _, token = services.create_invitation(course=world.course_a, by=None)
    loaded = []
    ui.page.on("requestfinished", lambda request: loaded.append(
        (request.url.removeprefix(ui.base), len(request.response().body()))))
    ui.phone().goto(f"/s/{token}/")
    ui.page.wait_for_load_state("networkidle")
    names = sorted(url.rsplit("/", 1)[-1] for url, _ in loaded if url.startswith("/static/"))
    # One small stylesheet, one script, and the font as two Latin-1 woff2 files (regular and semibold).
    assert names == ["IBMPlexSans-Regular-Latin1.woff2", "IBMPlexSans-SemiBold-Latin1.woff2", "citizen.css",
                     "citizen.js"], loaded
    assert sum(size for _, size in loaded) < 100_000, loaded
    ui.check()
