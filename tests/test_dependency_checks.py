"""The dependency checks in CI: pip-audit never passes silently, and every Bandit exception says why."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("audit_dependencies", ROOT / "scripts" / "audit_dependencies.py")
audit_dependencies = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_dependencies)
verdict = audit_dependencies.verdict


def report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def audited(name, version="1.0", vulns=()):
    return {"name": name, "version": version, "vulns": list(vulns)}


def not_audited(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} (1.0)"}


def test_a_service_that_answers_for_no_package_is_a_skip_not_a_pass():
    # What pip-audit itself calls "No known vulnerabilities found", exit code 0.
    code, message = verdict(0, report(not_audited("django"), not_audited("psycopg")), "")
    assert code == 0
    assert message.startswith("pip-audit skipped: ")
    assert "none of the 2 packages" in message


def test_an_unreachable_service_is_a_printed_skip():
    code, message = verdict(1, "", "ConnectionError: HTTPSConnectionPool(host='pypi.org', port=443): Max retries\n")
    assert code == 0
    assert message.startswith("pip-audit skipped: ")
    assert "ConnectionError" in message


def test_a_known_vulnerability_fails_the_check():
    vuln = {"id": "PYSEC-2026-1", "fix_versions": ["6.1.4"], "aliases": ["CVE-2026-1"]}
    code, message = verdict(1, report(audited("django", "6.1.3", [vuln]), audited("nh3")), "")
    assert code == 1
    assert "django 6.1.3: PYSEC-2026-1 (fixed in 6.1.4)" in message


def test_a_clean_audit_passes_and_names_what_it_could_not_audit():
    code, message = verdict(0, report(audited("django"), audited("nh3"), not_audited("polib")), "")
    assert code == 0
    assert message == "pip-audit: 2 packages audited, no known vulnerabilities; not audited: polib"


def nosec_lines():
    for path in ROOT.rglob("*.py"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"#\s*nosec", line):
                yield f"{path.relative_to(ROOT)}:{number}", line


@pytest.mark.parametrize("where, line", list(nosec_lines()))
def test_every_bandit_exception_names_the_finding_and_the_reason(where, line):
    # "# nosec B608  # why it is safe": an id (a bare nosec would hide every finding on the line) and a
    # reason after it (Bandit reads every word up to the next # as a test id).
    assert re.search(r"#\s*nosec B\d{3}( B\d{3})*  # \S.{10,}", line), where
