"""Benchmark: saving an outreach contact under load, and the follow-up page on a year of data.

Also the phone without a network (issue 15): in Chromium at 390 px, the time from tapping Save
offline to "saved on the phone" (target under 50 ms), and sending a queue of 200 contacts when
the network comes back (target under 5 s against the local server).

    .venv/bin/python bench/outreach_bench.py --offline-only --days 30   # only the phone part

The issue's targets: saving a contact under 150 ms on the server at the 95th percentile with
20 clients posting at once for 60 s against gunicorn on PostgreSQL; the follow-up page for a
year of 200 contacts a day under 1 s.

    .venv/bin/python bench/outreach_bench.py            # starts its own throwaway PostgreSQL
    DATABASE_URL=postgres://... .venv/bin/python bench/outreach_bench.py --duration 60 --clients 20

Without DATABASE_URL it starts a cluster with scripts/test-postgres (fsync off: writes are a
little cheaper than on a real server). The load generator is a small threaded HTTP client
(keep-alive, one session and one connection per client, bounded in time), on loopback, on the
same two CPUs as the server. Each client behaves like a worker's phone: it posts a contact,
follows the redirect to the log page (as a browser does), pauses as locust's between() would,
and posts the next. Latency is measured at the client from sending the POST to reading the
whole response, so it includes the server's queueing. A second run with no pause at all
shows the server's capacity. It prints the figures as measured; nothing is adjusted.
"""

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from datetime import time as dtime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_DIR = "/tmp/pg-outreach-bench"


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def setup_env(args):
    started_pg = False
    if not os.environ.get("DATABASE_URL"):
        subprocess.run([str(ROOT / "scripts/test-postgres"), "stop", PG_DIR], check=False)
        url = subprocess.run([str(ROOT / "scripts/test-postgres"), "start", PG_DIR], check=True,
                             capture_output=True, text=True).stdout.strip()
        os.environ["DATABASE_URL"] = url
        started_pg = True
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL=postgres://...")
    os.environ.update({
        "DEBUG": "0", "SECRET_KEY": "bench-" + "x" * 50, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0", "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "brobygger.settings",
    })
    return started_pg


def build_data(args):
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from accounts.models import Membership, User
    from brobygger import agebands
    from outreach import services
    from outreach.models import Card, ContactTopic, OutreachContact, Topic
    from projects.models import Organisation, Project, Site
    from signin.services import STARTED_KEY

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # DEBUG=0 serves hashed files via WhiteNoise
    if Project.objects.exists():
        sys.exit("The benchmark needs an empty database (it never deletes anything): unset DATABASE_URL "
                 "to let it start its own.")
    org = Organisation.objects.create(name="Bench Kommune", kind="municipal")
    project = Project.objects.create(name="Bench", slug="bench", code_prefix="BEN", lead_organisation=org)
    sites = [Site.objects.create(project=project, name=n) for n in ("H17", "Reden", "Mændenes Hjem", "Sundholm")]
    services.ensure_topics(project)
    topics = list(Topic.objects.filter(project=project))
    coordinator = User.objects.create_user("bench-coordinator", password=None)
    Membership.objects.create(user=coordinator, organisation=org, project=project, role="coordinator")
    workers = []
    for i in range(args.clients):
        user = User.objects.create_user(f"bench-outreach-{i}", password=None)
        Membership.objects.create(user=user, organisation=org, project=project, role="outreach")
        workers.append(user)

    # The phone of the offline part: its own worker, so its contacts can be counted apart.
    offline_worker = User.objects.create_user("bench-offline", password=None)
    Membership.objects.create(user=offline_worker, organisation=org, project=project, role="outreach")

    batch = services.create_card_batch(project=project, by=coordinator, size=200)
    for _n in range(args.cards // 200 - 1):
        services.create_card_batch(project=project, by=coordinator, size=200)
    cards = list(Card.objects.filter(project=project).values_list("pk", flat=True))
    rng = random.Random(2026)
    today = timezone.localdate()
    Staff = OutreachContact.staff.through
    total = 0
    for day_offset in range(args.days, 0, -1):
        day = today - timedelta(days=day_offset)
        contacts = []
        for _n in range(args.per_day):
            at = timezone.make_aware(datetime.combine(day, dtime(rng.randint(9, 20), rng.randint(0, 59))))
            contacts.append(OutreachContact(
                project=project, site=rng.choice(sites), at=at, date=day, organisation=org,
                created_by=rng.choice(workers), information_given=rng.random() < 0.8,
                appointment_booked=rng.random() < 0.1, accompanied=rng.random() < 0.05,
                card_id=rng.choice(cards) if rng.random() < 0.35 else None,
                referral_target=rng.choice(["", "", "", "drug_treatment", "job_centre", "housing", "health"]),
                age_band=rng.choice(["", "", *agebands.CODES]),
                gender=rng.choice(["", "woman", "woman", "man", "non_binary"]),
            ))
        contacts = OutreachContact.objects.bulk_create(contacts)
        ContactTopic.objects.bulk_create([ContactTopic(contact_id=c.pk, topic_id=t.pk, project_id=project.pk, date=day)
                                          for c in contacts for t in rng.sample(topics, rng.choice([1, 1, 2, 3]))])
        Staff.objects.bulk_create([Staff(outreachcontact_id=c.pk, user_id=c.created_by_id) for c in contacts])
        total += len(contacts)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a running server

    def session_for(user):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store[STARTED_KEY] = time.time()  # signed in just now, second factor done (signin's session limit)
        store.create()
        return store.session_key

    print(f"data: {total} contacts over {args.days} days, {len(cards)} cards, {len(topics)} topics, "
          f"{len(sites)} sites (built in {time.perf_counter() - t0:.0f} s)")
    return {
        "project": project, "sites": [s.pk for s in sites], "topics": [t.pk for t in topics],
        "worker_sessions": [session_for(u) for u in workers], "coordinator_session": session_for(coordinator),
        "offline_session": session_for(offline_worker), "offline_worker": offline_worker,
        "cards": list(Card.objects.filter(pk__in=rng.sample(cards, 50)).values_list("code", flat=True)),
        "batch": batch,
    }


class Client:
    def __init__(self, port, session):
        self.port = port
        self.cookies = {"__Host-sessionid": session, "__Host-django_language": "da"}  # production names
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method, path, body=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "X-Forwarded-Proto": "https", "Origin": f"https://127.0.0.1:{self.port}",
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, data


def run_load(args, port, ctx):
    path = "/outreach/bench/contact/"
    latencies, pages, errors, lock = [], [], [], threading.Lock()
    start_barrier = threading.Barrier(args.clients)
    deadline_box = {}

    def worker(i):
        rng = random.Random(i)
        client = Client(port, ctx["worker_sessions"][i])
        status, html = client.request("GET", path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        start_barrier.wait()
        if i == 0:
            deadline_box["end"] = time.monotonic() + args.duration
        while "end" not in deadline_box:
            time.sleep(0.001)
        mine = []
        while time.monotonic() < deadline_box["end"]:
            now = datetime.now().astimezone()
            data = [("csrfmiddlewaretoken", token), ("site", rng.choice(ctx["sites"])),
                    ("at", now.strftime("%Y-%m-%dT%H:%M")), ("outcomes", "information_given")]
            data += [("topics", t) for t in rng.sample(ctx["topics"], rng.choice([1, 2]))]
            if rng.random() < 0.3:
                data.append(("card_code", rng.choice(ctx["cards"])))
            t = time.perf_counter()
            status, body = client.request("POST", path, urlencode(data))
            elapsed = (time.perf_counter() - t) * 1000
            if status != 302:
                with lock:
                    errors.append(status)
                continue
            mine.append(elapsed)
            # As the phone's browser does: follow the redirect to the log page, which shows the
            # "saved" message (and so takes it out of the session again).
            t = time.perf_counter()
            status, _body = client.request("GET", path)
            if status != 200:
                with lock:
                    errors.append(status)
            else:
                pages.append((time.perf_counter() - t) * 1000)
            if args.think:
                time.sleep(rng.uniform(0.5 * args.think, 1.5 * args.think))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, pages, errors


def time_followup(port, ctx, query, repeats):
    client = Client(port, ctx["coordinator_session"])
    path = "/outreach/bench/follow-up/" + (f"?{query}" if query else "")
    client.request("GET", path)  # warm
    timings = []
    for _n in range(repeats):
        t = time.perf_counter()
        status, body = client.request("GET", path)
        timings.append((time.perf_counter() - t) * 1000)
        assert status == 200, status
    return timings


def time_offline(port, ctx, queued):
    """Chromium at 390 px: save `queued` contacts with no network, then let the phone send them.

    Save is timed in the page (performance marks set by outreach/static/outreach/offline.js, from the
    submit event to the record being in IndexedDB and the page saying so). The sync is timed from
    the network coming back to the page showing nothing waiting (whichever sends first: the page's
    `online` handler or Background Sync), as Playwright sees the page change.
    """
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    from outreach.models import OutreachContact

    base = f"http://localhost:{port}"  # Chromium keeps __Host- (Secure) cookies on plain http only for localhost
    site = ctx["sites"][0]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
        )
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
        # A __Host- cookie is Secure with no domain: set for https://localhost, which Chromium also sends to http.
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": ctx["offline_session"],
                              "url": f"https://localhost:{port}", "secure": True}])
        page = context.new_page()
        page.goto(base + "/outreach/bench/contact/")
        page.locator("html[data-offline-ready]").wait_for(state="attached", timeout=60_000)
        context.set_offline(True)
        saves = []
        for n in range(1, queued + 1):
            page.locator(f"input[name=site][value='{site}']").check()
            page.locator(".save-bar button").click()
            page.locator(f"#offline-count[data-waiting='{n}']").wait_for(timeout=30_000)
            saves.append(page.evaluate("""() => {
                const m = performance.measure("save", "outreach-save-start", "outreach-saved-on-phone");
                performance.clearMarks(); performance.clearMeasures();
                return m.duration;
            }"""))
        started = time.perf_counter()
        context.set_offline(False)
        page.locator("#offline-count[data-waiting='0']").wait_for(timeout=120_000)
        sync_seconds = time.perf_counter() - started
        left = page.evaluate("BrobyggerQueue.all()")  # refused ones wait for the worker; say why
        browser.close()
    stored = OutreachContact.objects.filter(created_by=ctx["offline_worker"]).count()
    reasons = sorted({f"{e['state']}: {'; '.join(x['message'] for x in e['errors'])}" for e in left})
    return saves, sync_seconds, stored, reasons


def run_load_and_followup(args, port, ctx, started_pg):
    # One client alone first: the time of a save without queueing behind the others.
    solo_args = argparse.Namespace(**{**vars(args), "clients": 1, "duration": min(10, args.duration), "think": 0.0})
    solo, _solo_pages, _solo_errors = run_load(solo_args, port, ctx)
    load_before = os.getloadavg()
    latencies, pages, errors = run_load(args, port, ctx)
    load_after = os.getloadavg()
    saturated = None
    if args.saturate:
        saturated = run_load(argparse.Namespace(**{**vars(args), "think": 0.0}), port, ctx)
    today = datetime.now().date()
    year = urlencode({"start": (today - timedelta(days=364)).isoformat(), "end": today.isoformat()})
    default_view = time_followup(port, ctx, "", args.repeats)
    year_view = time_followup(port, ctx, year, args.repeats)

    print(f"machine: {os.cpu_count()} CPUs, load average before {load_before[0]:.1f}, after {load_after[0]:.1f}"
          f" (other work on the machine shares the CPUs)")
    print(f"server: gunicorn {args.workers} workers x {args.threads} threads, PostgreSQL "
          f"{'(throwaway cluster, fsync off)' if started_pg else '(DATABASE_URL)'}")
    print(f"save a contact, 1 client alone for {solo_args.duration} s: {len(solo)} saves, median "
          f"{statistics.median(solo):.0f} ms, p95 {percentile(solo, 95):.0f} ms")
    runs = [(args.think, latencies, pages, errors)]
    if saturated:
        runs.append((0.0, *saturated))
    for think, saves, shown, failed in runs:
        n = len(saves)
        pause = f"pausing {0.5 * think:.1f}-{1.5 * think:.1f} s between saves" if think else "no pause (saturation)"
        print(f"save a contact: {args.clients} clients at once, {args.duration} s, {pause}: "
              f"{n} saves ({n / args.duration:.1f}/s), {len(failed)} errors")
        print(f"  save latency ms: median {statistics.median(saves):.0f}, p95 {percentile(saves, 95):.0f}, "
              f"p99 {percentile(saves, 99):.0f}, max {max(saves):.0f}   (target p95 < 150)")
        print(f"  the log page after the save, ms: median {statistics.median(shown):.0f}, "
              f"p95 {percentile(shown, 95):.0f}")
    for label, timings in [("follow-up, default 12 weeks", default_view), ("follow-up, a whole year", year_view)]:
        print(f"{label}: median {statistics.median(timings):.0f} ms, p95 {percentile(timings, 95):.0f} ms, "
              f"max {max(timings):.0f} ms over {len(timings)} renders   (target < 1000)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=20, help="clients posting at once (default 20)")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean seconds each client pauses between saves, drawn from 0.5-1.5 times this, as "
                             "locust's between() does (default 1: 20 clients save about 20 contacts a second)")
    parser.add_argument("--saturate", action=argparse.BooleanOptionalAction, default=True,
                        help="also run the clients with no pause at all, to show the server's capacity")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=200)
    parser.add_argument("--cards", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=os.cpu_count(),
                        help="gunicorn worker processes (default: one per CPU, as docs/deploy.md advises)")
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker (default 1)")
    parser.add_argument("--repeats", type=int, default=10, help="follow-up page renders to time")
    parser.add_argument("--queued", type=int, default=200, help="contacts saved offline, then sent (default 200)")
    parser.add_argument("--offline", action=argparse.BooleanOptionalAction, default=True,
                        help="also time the phone without a network in Chromium (needs the dev dependencies)")
    parser.add_argument("--offline-only", action="store_true", help="only the phone without a network")
    args = parser.parse_args()

    started_pg = setup_env(args)
    gunicorn = None
    try:
        ctx = build_data(args)
        port = free_port()
        gunicorn = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "brobygger.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(args.workers),
             "--threads", str(args.threads), "--log-level", "warning", "--keep-alive", "30"],
            cwd=ROOT, env=os.environ.copy(),
        )
        for _n in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        time_followup(port, ctx, "", 1)  # warm every worker's imports a little
        if not args.offline_only:
            run_load_and_followup(args, port, ctx, started_pg)
        if args.offline or args.offline_only:
            saves, sync_seconds, stored, reasons = time_offline(port, ctx, args.queued)
            print(f"phone offline (Chromium, 390 px): tap Save -> saved on the phone, {len(saves)} saves: median "
                  f"{statistics.median(saves):.1f} ms, p95 {percentile(saves, 95):.1f} ms, max {max(saves):.1f} ms"
                  f"   (target < 50)")
            print(f"phone back online: {args.queued} queued contacts sent in {sync_seconds:.2f} s, "
                  f"{stored} stored   (target < 5 s)")
            for reason in reasons:
                print(f"  left on the phone: {reason}")
    finally:
        if gunicorn:
            gunicorn.terminate()
            try:
                gunicorn.wait(30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        if started_pg:
            subprocess.run([str(ROOT / "scripts/test-postgres"), "stop", PG_DIR], check=False)
            shutil.rmtree(PG_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
