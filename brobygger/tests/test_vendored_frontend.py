"""The vendored front-end files are the ones scripts/vendor-frontend fetched and locked (no npm needed)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_vendored_files_match_the_lock():
    result = subprocess.run([sys.executable, str(ROOT / "scripts/vendor-frontend"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
