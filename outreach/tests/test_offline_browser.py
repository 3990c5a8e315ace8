"""At 390 px with no network (Chromium's offline emulation): contacts wait on the phone and are stored once."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from outreach.models import OutreachContact
from outreach.tests.phone import type_card_code
from projects.models import Site

pytestmark = pytest.mark.browser

WAITING = "#offline-count"


def open_form_online(ui, world, path="contact/"):
    ui.phone().login("outreach")
    ui.goto(f"/outreach/{world.project.slug}/{path}")
    # The service worker has kept the form pages and their files: they now open without a network.
    ui.page.locator("html[data-offline-ready]").wait_for(state="attached")
    return ui.page


def save_contact(page, topic, at):
    page.get_by_label("H17").check()
    page.get_by_label(topic.name, exact=True).check()
    details = page.locator("details.contact-more")
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.fill("#id_at", at.strftime("%Y-%m-%dT%H:%M"))
    page.locator(".save-bar button").click()


def test_contacts_saved_offline_wait_on_the_phone_and_are_stored_once_with_their_phone_times(ui, world, topics):
    page = open_form_online(ui, world)
    context = page.context
    now = timezone.localtime().replace(second=0, microsecond=0)
    times = [now - timedelta(minutes=m) for m in (40, 25, 10)]

    context.set_offline(True)
    for n, (topic, at) in enumerate(zip(topics, times, strict=False), start=1):
        save_contact(page, topic, at)
        page.locator(f"{WAITING}[data-waiting='{n}']").wait_for()
    assert page.locator("#offline-saved").inner_text() == "Gemt på telefonen - sendes, når der er net."
    assert not OutreachContact.objects.exists()

    # Opened again with no network: the form is there, and so are the three contacts.
    page.reload()
    assert page.locator("form[data-offline-kind=contact] #id_site").count() == 1
    assert page.locator(WAITING).inner_text() == "3 venter på telefonen på at blive sendt."
    queue = page.evaluate("BrobyggerQueue.all()")
    assert {e["user"] for e in queue} == {world.users["outreach"].pk}
    ui.check()

    context.set_offline(False)
    page.locator(f"{WAITING}[data-waiting='0']").wait_for()
    assert page.locator(WAITING).inner_text() == "Intet venter på telefonen."
    stored = OutreachContact.objects.order_by("at")
    assert [timezone.localtime(c.at) for c in stored] == times
    assert [set(c.topics.all()) for c in stored] == [{t} for t in topics[:3]]
    assert {str(c.client_id) for c in stored} == {e["id"] for e in queue}

    # The same queue sent again (a crash before the phone heard the answer): nothing new is stored.
    page.evaluate("entries => Promise.all(entries.map(e => BrobyggerQueue.put(e)))", queue)
    page.reload()
    page.locator(f"{WAITING}[data-waiting='0']").wait_for()
    assert OutreachContact.objects.count() == 3


def test_an_unknown_card_typed_offline_is_checked_when_sent_and_comes_back_to_fix(ui, world):
    page = open_form_online(ui, world)
    page.context.set_offline(True)
    page.get_by_label("H17").check()
    page.fill("#id_card_code", "ZZZ-ZZZ")
    page.locator("#card-check", has_text="Tjekkes, når det sendes.").wait_for()
    page.locator(".save-bar button").click()
    page.locator(f"{WAITING}[data-waiting='1']").wait_for()

    page.context.set_offline(False)
    problem = page.locator("#offline-problem-list li")
    problem.wait_for()
    assert "Kortkode:" in problem.inner_text()
    assert not OutreachContact.objects.exists()
    ui.check()

    problem.get_by_role("button", name="Ret").click()
    assert page.input_value("#id_card_code") == "ZZZ-ZZZ"
    type_card_code(page, world.card.code, ".card-check-ok")
    with page.expect_navigation():  # sent at once, then the page moves on to say so
        page.locator(".save-bar button").click()
    page.locator(".alert-success").wait_for()
    assert OutreachContact.objects.get().card == world.card
    page.locator(f"{WAITING}[data-waiting='0']").wait_for()
    assert page.locator("#offline-problem-list li").count() == 0


def test_the_site_tapped_on_the_home_page_is_chosen_in_the_kept_form_too(ui, world, topics):
    halmtorvet = Site.objects.create(project=world.project, name="Halmtorvet")
    page = open_form_online(ui, world)
    assert page.locator("input[name=site]:checked").count() == 0  # two sites, none yet today
    page.context.set_offline(True)
    # The home page's link, opened with no network: the kept copy of the form, with the tapped site.
    ui.goto(f"/outreach/{world.project.slug}/contact/?site={halmtorvet.pk}")
    assert page.locator("input[name=site]:checked").get_attribute("value") == str(halmtorvet.pk)
    page.get_by_label(topics[0].name, exact=True).check()
    page.locator(".save-bar button").click()
    page.locator(f"{WAITING}[data-waiting='1']").wait_for()
    # The next contact starts at the same site, as the server's page does after a save.
    assert page.locator("input[name=site]:checked").get_attribute("value") == str(halmtorvet.pk)

    page.context.set_offline(False)
    page.locator(f"{WAITING}[data-waiting='0']").wait_for()
    assert OutreachContact.objects.get().site == halmtorvet


def test_the_site_of_a_contact_saved_on_the_phone_is_where_the_next_one_starts(ui, world, topics):
    """As the server remembers the site of the worker's last contact today when the network is there."""
    halmtorvet = Site.objects.create(project=world.project, name="Halmtorvet")
    page = open_form_online(ui, world)
    page.context.set_offline(True)
    page.reload()  # the kept copy: two sites, none chosen yet today
    assert page.locator("input[name=site]:checked").count() == 0
    page.get_by_label("Halmtorvet").check()
    page.get_by_label(topics[0].name, exact=True).check()
    page.locator(".save-bar button").click()
    page.locator(f"{WAITING}[data-waiting='1']").wait_for()
    assert page.locator("input[name=site]:checked").get_attribute("value") == str(halmtorvet.pk)
    assert page.locator("input[name=topics]:checked").count() == 0  # the rest of the form starts afresh


def test_an_ended_session_keeps_the_queue_and_asks_the_worker_to_sign_in(ui, world, topics):
    page = open_form_online(ui, world)
    page.context.set_offline(True)
    save_contact(page, topics[0], timezone.localtime() - timedelta(minutes=5))
    page.locator(f"{WAITING}[data-waiting='1']").wait_for()
    page.context.clear_cookies()  # the session ended while the phone was offline
    page.context.set_offline(False)
    page.locator("#offline-signin").wait_for()
    assert page.locator(WAITING).get_attribute("data-waiting") == "1"
    assert not OutreachContact.objects.exists()

    assert page.locator("#offline-signin a").get_attribute("href").endswith(
        f"?next=/outreach/{world.project.slug}/contact/")
    ui.login("outreach")
    ui.goto(f"/outreach/{world.project.slug}/contact/")
    page.locator(f"{WAITING}[data-waiting='0']").wait_for()
    assert OutreachContact.objects.count() == 1


def test_another_workers_queue_on_a_shared_phone_is_not_sent_as_the_signed_in_worker(ui, world, topics):
    page = open_form_online(ui, world)
    page.context.set_offline(True)
    save_contact(page, topics[0], timezone.localtime() - timedelta(minutes=5))
    page.locator(f"{WAITING}[data-waiting='1']").wait_for()
    page.context.clear_cookies()  # the first worker's session ends without signing out
    page.context.set_offline(False)
    page.locator("#offline-signin").wait_for()

    ui.login("coordinator")
    ui.goto(f"/outreach/{world.project.slug}/contact/")
    page.locator("#offline-others").wait_for()
    page.locator(f"{WAITING}[data-waiting='0']").wait_for()
    assert not OutreachContact.objects.exists()


def test_signing_out_clears_the_queue_and_the_kept_pages(ui, world, topics):
    page = open_form_online(ui, world)
    assert page.evaluate("caches.keys()") != []
    page.context.set_offline(True)
    save_contact(page, topics[0], timezone.localtime() - timedelta(minutes=5))
    page.locator(f"{WAITING}[data-waiting='1']").wait_for()
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.locator(".app-nav-toggle summary").click()  # at 390 px sign-out is in the phone menu
    page.get_by_role("button", name="Log ud").filter(visible=True).click()  # offline: the copy goes at once
    page.wait_for_timeout(500)
    page.context.set_offline(False)
    ui.goto("/")  # the sign-out could not reach the server: the first page online finishes it
    page.wait_for_url(re.compile(r"/signin/login/$"))
    assert len(questions) == 1  # nothing was left to ask about the second time
    assert questions[0].startswith("Noget, der er gemt på telefonen, er ikke sendt.")
    assert page.evaluate(COUNT_QUEUE) == 0
    assert page.evaluate("caches.keys()") == []
    page.wait_for_timeout(1000)  # time for Background Sync, had the contact still been there
    assert not OutreachContact.objects.exists()  # deleted from the phone, not sent


def test_signing_out_with_a_network_has_the_browser_clear_the_service_worker_too(ui, world, topics):
    """The sign-out's Clear-Site-Data (signin/views.py) also removes what the page's script does not:
    the service worker, and with it its Background Sync."""
    page = open_form_online(ui, world)
    assert page.evaluate(SERVICE_WORKERS) == 1
    page.locator(".app-nav-toggle summary").click()  # at 390 px sign-out is in the phone menu
    page.get_by_role("button", name="Log ud").filter(visible=True).click()  # nothing waits: no question
    page.wait_for_url(re.compile(r"/signin/login/"))
    assert page.evaluate(SERVICE_WORKERS) == 0
    assert page.evaluate(COUNT_QUEUE) == 0


def test_a_sign_out_without_a_network_is_finished_by_the_next_page_that_opens(ui, world, topics):
    """With no network the sign-out never reaches the server, so the session would live on for the
    next person to pick up the phone: the first page that opens signed in finishes it (app.js)."""
    page = open_form_online(ui, world)
    page.context.set_offline(True)
    page.locator(".app-nav-toggle summary").click()
    page.get_by_role("button", name="Log ud").filter(visible=True).click()
    page.wait_for_timeout(500)
    page.context.set_offline(False)
    ui.goto("/")
    page.wait_for_url(re.compile(r"/signin/login/$"))
    ui.goto(f"/outreach/{world.project.slug}/contact/")
    assert "/signin/login/" in page.url  # the session has ended on the server too


SERVICE_WORKERS = "navigator.serviceWorker.getRegistrations().then(r => r.length)"

# Without idb: whatever is in the phone's queue database, or 0 if there is none.
COUNT_QUEUE = """async () => {
  const names = (await indexedDB.databases()).map(d => d.name);
  if (!names.includes("brobygger-outreach")) return 0;
  return await new Promise((resolve, reject) => {
    const request = indexedDB.open("brobygger-outreach");
    request.onerror = reject;
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("queue")) { db.close(); resolve(0); return; }
      const count = db.transaction("queue").objectStore("queue").count();
      count.onsuccess = () => { db.close(); resolve(count.result); };
    };
  });
}"""
