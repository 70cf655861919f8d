"""The extraction against the providers' real sources, read from the local git snapshots
(`fetch` puts them under /work/.mirror, or $DATAPLAT_MIRRORS). Skipped, saying so, where a
snapshot is absent: the sources cannot be vendored into this repository."""

from __future__ import annotations

import json

import pytest

from policies.rules.facts.replacements import DATA_FILE
from scripts.replacements.providers import PROVIDERS, installed_version, resolve_pin, snapshot
from scripts.replacements.refresh import DEFAULT_MIRRORS, check

TIME = PROVIDERS["time"]
SNOWFLAKE = PROVIDERS["snowflake"]


def _need(*repos: str) -> None:
    missing = [r for r in repos if snapshot(DEFAULT_MIRRORS, r) is None]
    if missing:
        pytest.skip(f"no snapshot of {', '.join(missing)} under {DEFAULT_MIRRORS}")


def test_the_recorded_table_matches_the_sources_at_the_recorded_revisions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    recorded = json.loads(DATA_FILE.read_text())
    _need(*(p["upstreamRepo"] for p in recorded["providers"].values() if p.get("readAt")))
    # 3: the same facts, but some providers are not read at their pin (said in the output).
    assert check(recorded, DEFAULT_MIRRORS) == 3
    out = capsys.readouterr().out
    assert "differs" not in out
    assert "snowflake: pulumi 2.22.0 pin not verified" in out


def test_the_time_providers_pin_is_the_go_module_version_of_its_release_tag() -> None:
    _need(TIME.pulumi_repo, TIME.upstream_repo)
    version = installed_version(TIME)
    assert version == "0.1.1"
    pin = resolve_pin(TIME, version, DEFAULT_MIRRORS)
    assert (pin.tag, pin.commit, pin.status) == ("v0.1.1", "v0.12.1", "resolved")


def test_a_release_tag_missing_from_the_snapshot_is_said_not_guessed() -> None:
    _need(SNOWFLAKE.pulumi_repo)
    pin = resolve_pin(SNOWFLAKE, "99.0.0", DEFAULT_MIRRORS)
    assert pin.commit is None
    assert pin.status.startswith("pulumi/pulumi-snowflake snapshot has no tag v99.0.0")
