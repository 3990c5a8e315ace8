"""pip-audit on the project's virtualenv, for CI: a known vulnerability fails; no answer is a printed skip.

pip-audit asks a vulnerability service (PyPI's JSON API) about each installed package. Where that
service cannot be reached, or answers for none of the packages (a registry mirror without the JSON
API), pip-audit itself says "No known vulnerabilities found" and exits 0. That would be a silent
pass, so this script reads pip-audit's JSON and says "pip-audit skipped: ..." instead.
"""

import json
import subprocess  # nosec B404  # runs pip-audit from our own virtualenv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def verdict(returncode: int, stdout: str, stderr: str) -> tuple[int, str]:
    """(exit code, message) for one pip-audit run with `-f json`."""
    try:
        dependencies = json.loads(stdout)["dependencies"]
    except (ValueError, KeyError, TypeError):
        reason = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()), "no answer")
        return 0, f"pip-audit skipped: the vulnerability service could not be reached ({reason[:200]})"
    checked = [d for d in dependencies if "skip_reason" not in d]
    unchecked = sorted(d["name"] for d in dependencies if "skip_reason" in d)
    if not checked:
        example = next((d["skip_reason"] for d in dependencies), "no packages")
        return 0, (f"pip-audit skipped: the vulnerability service answered for none of the {len(dependencies)} "
                   f"packages ({example})")
    found = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or ['no release yet'])})"
        for d in checked for v in d.get("vulns", [])
    ]
    if found:
        return 1, "pip-audit found known vulnerabilities:\n  " + "\n  ".join(found)
    message = f"pip-audit: {len(checked)} packages audited, no known vulnerabilities"
    if unchecked:
        message += f"; not audited: {', '.join(unchecked)}"
    return 0, message


def main() -> int:
    command = [str(ROOT / ".venv" / "bin" / "pip-audit"), "--progress-spinner", "off", "-f", "json",
               "--timeout", "10"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)  # noqa: S603  # nosec B603  # fixed arguments, no shell
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"pip-audit skipped: {error}")
        return 0
    code, message = verdict(result.returncode, result.stdout, result.stderr)
    print(message)
    return code


if __name__ == "__main__":
    sys.exit(main())
