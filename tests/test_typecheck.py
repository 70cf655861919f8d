"""The components, config and tools type-check against the typed Pulumi SDKs.

pulumi-aws ships inline types for every resource and argument dictionary, so a
misspelt property or a wrong nested shape in a component fails here, not in
`pulumi up`. (A cold run reads the whole pulumi-aws package: about two minutes.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_is_clean():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "components",
            "stacks",
            "scripts",
            "policies/rules",
            "__main__.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
