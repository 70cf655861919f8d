"""The extraction against the providers' real sources, read from the local git snapshots
(`fetch` puts them under /work/.mirror, or $DATAPLAT_MIRRORS). Skipped, saying so, where a
snapshot is absent: the sources cannot be vendored into this repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from policies.rules.facts.replacements import DATA_FILE
from scripts.replacements import awsindex
from scripts.replacements.awsindex import INDEX_REPO, NAMES_FILE, SOURCE_CACHE, names_excerpt
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
    _need(
        *(
            p.get("sourceRepo") or p["upstreamRepo"]
            for p in recorded["providers"].values()
            if p.get("readAt")
        )
    )
    if names_excerpt()[1] is None:
        pytest.skip(f"no AWS names excerpt under {SOURCE_CACHE}")
    # 3: the same facts, but some providers are not read at their pin (said in the output).
    assert check(recorded, DEFAULT_MIRRORS) == 3
    out = capsys.readouterr().out
    assert "differs" not in out
    assert "snowflake: pulumi 2.22.0 pin not verified" in out
    assert "aws: pulumi 7.51.1 pin not verified" in out and "read at v6.58.0" in out


def test_a_changed_names_excerpt_is_a_difference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    recorded = json.loads(DATA_FILE.read_text())
    text, digest = names_excerpt()
    if digest is None or snapshot(DEFAULT_MIRRORS, INDEX_REPO) is None:
        pytest.skip("no AWS index snapshot or names excerpt here")
    cache = tmp_path / NAMES_FILE
    cache.parent.mkdir(parents=True)
    cache.write_text(text.replace("AttrName ", "AttrName2 ", 1))
    monkeypatch.setattr(awsindex, "SOURCE_CACHE", tmp_path)
    assert check(recorded, DEFAULT_MIRRORS) == 1
    assert "replacements.json differs from the sources" in capsys.readouterr().out


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
