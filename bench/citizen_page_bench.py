"""Benchmark: the citizen's WHO-5 page on a slow phone line (issue 17.2).

Target: under 100 KB transferred for the page and everything it loads, in production mode
(DEBUG off, static files from whitenoise's compressed manifest storage behind gunicorn).

    .venv/bin/python bench/citizen_page_bench.py            # throwaway SQLite database
    .venv/bin/python bench/citizen_page_bench.py --runs 5

It migrates a throwaway database, loads the demo data (seed_demo, which needs DEBUG for that one
step), makes a one-time link, runs collectstatic and starts gunicorn with DEBUG off. Then Chromium
(/usr/bin/chromium, through Playwright) opens the link with the cache off and DevTools' "Slow 3G"
conditions (Network.emulateNetworkConditions: 2 s latency, 50,000 bytes/s down and up) and
reports per run: the bytes on the wire (encodedDataLength of every response, headers included),
first paint and first contentful paint (the Paint Timing API), and the load event. Printed as
measured, one line per run and the median; nothing is adjusted. The link is not used up by
opening it, so every run loads the same page.
"""

import argparse
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# DevTools' "Slow 3G" preset (front_end/core/sdk/NetworkManager.ts): 400 ms x 5, 500 kbit/s x 0.8.
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
TARGET_BYTES = 100 * 1000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, capture=False):
    result = subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True,
                            capture_output=capture, text=True)
    return result.stdout if capture else None


MAKE_LINK = (
    "from courses.models import Course; from wellbeing import services; "
    "print(services.create_invitation(course=Course.objects.order_by('pk').first(), by=None)[1])"
)


def prepare(workdir: Path):
    """A production-mode environment with demo data and one link; returns (env, token)."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}", "DEBUG": "0",
           "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1",
           "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_SECONDS": "0"}
    manage(env, "migrate", "-v0")
    manage({**env, "DEBUG": "1"}, "seed_demo", "--courses", "5")  # demo data is refused without DEBUG
    token = manage(env, "shell", "-c", MAKE_LINK, capture=True).strip().splitlines()[-1]
    manage(env, "collectstatic", "--noinput", "-v0")
    return env, token


def start_server(env, port):
    server = subprocess.Popen(  # noqa: S603 - fixed arguments
        [PYTHON, "-m", "gunicorn", "brobygger.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/s/accessibility/", timeout=1)  # noqa: S310 - loopback
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not start")


def measure(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    responses, finished = {}, {}
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e["response"]))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load", timeout=120_000)
    page.wait_for_load_state("networkidle", timeout=120_000)
    timing = page.evaluate("""() => {
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
      const nav = performance.getEntriesByType('navigation')[0];
      return {fp: paint['first-paint'], fcp: paint['first-contentful-paint'], load: nav.loadEventEnd};
    }""")
    files = sorted(
        ((responses[rid]["url"].removeprefix(url.split("/s/")[0]), size,
          responses[rid].get("headers", {}).get("content-encoding", responses[rid].get("headers", {}).get(
              "Content-Encoding", "")))
         for rid, size in finished.items() if rid in responses),
        key=lambda f: -f[1],
    )
    context.close()
    return {"bytes": sum(size for _, size, _ in files), "files": files, **timing}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    workdir = Path(tempfile.mkdtemp(prefix="citizen-bench-"))
    server = None
    try:
        env, token = prepare(workdir)
        port = free_port()
        server = start_server(env, port)
        url = f"http://127.0.0.1:{port}/s/{token}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            results = []
            for run in range(1, args.runs + 1):
                r = measure(browser, url)
                results.append(r)
                print(f"run {run}: {r['bytes']:,} bytes, first paint {r['fp']:.0f} ms, "
                      f"first contentful paint {r['fcp']:.0f} ms, load {r['load']:.0f} ms")
            browser.close()
        print("files (last run, bytes on the wire, encoding):")
        for name, size, encoding in results[-1]["files"]:
            print(f"  {size:>8,}  {encoding or '-':<5} {name if not name.startswith('/s/') else '/s/<link>/'}")
        median = {k: statistics.median(r[k] for r in results) for k in ("bytes", "fp", "fcp", "load")}
        print(f"median of {len(results)}: {median['bytes']:,.0f} bytes (target under {TARGET_BYTES:,}), "
              f"first paint {median['fp']:.0f} ms, first contentful paint {median['fcp']:.0f} ms, "
              f"load {median['load']:.0f} ms on Slow 3G")
        return 0 if median["bytes"] < TARGET_BYTES else 1
    finally:
        if server:
            server.terminate()
            server.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
