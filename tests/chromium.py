"""Headless Chromium for the tests that look at a page as a person would.

Debian's `chromium` (apt-get install -y chromium); tests that need it are skipped with
that reason where it is missing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_CHROMIUM = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (Debian: apt-get install -y chromium); the rendered "
    "page cannot be checked here",
)


def chromium(page: Path, profile: Path, *flags: str, text: bool = True) -> str:
    """Run headless Chromium on `page` with `flags`; its standard output."""
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={profile}",
            *flags,
            page.as_uri(),
        ],
        capture_output=True,
        text=text,
        timeout=120,
        check=True,
    ).stdout


def dump_dom(page: Path, profile: Path, *flags: str) -> str:
    """The page's DOM after its scripts and layout ran."""
    return chromium(page, profile, *flags, "--dump-dom")


def screenshot(page: Path, profile: Path, shot: Path, window: str) -> bytes:
    """A PNG screenshot of the page at `window` (`1280,2400`)."""
    chromium(page, profile, f"--screenshot={shot}", f"--window-size={window}", text=False)
    return shot.read_bytes()
