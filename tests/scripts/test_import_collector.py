"""A command's imports run without collections, and what they created is then frozen."""

from __future__ import annotations

import gc
import sys
import types

from scripts.import_collector import collector_paused_for_imports


def test_no_collection_runs_inside_and_the_collector_is_restored():
    assert gc.isenabled()
    with collector_paused_for_imports():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled():
    gc.disable()
    try:
        with collector_paused_for_imports():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_a_new_import_created_is_frozen_and_nothing_otherwise():
    frozen = gc.get_freeze_count()
    try:
        with collector_paused_for_imports():
            pass  # nothing imported: nothing frozen
        assert gc.get_freeze_count() == frozen
        with collector_paused_for_imports():
            sys.modules["_dataplat_test_imported"] = types.ModuleType("_dataplat_test_imported")
        assert gc.get_freeze_count() > frozen
    finally:
        sys.modules.pop("_dataplat_test_imported", None)
        gc.unfreeze()
