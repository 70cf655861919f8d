"""`dig`, the path reader under every `view.get`: plain dicts take a fast path (about a
million reads a 200-domain plan), with the same answers as any other mapping."""

from __future__ import annotations

from types import MappingProxyType

from policies.rules.core.values import SECRET, UNKNOWN
from policies.rules.core.view import dig

DATA = {"a": {"b": [{"c": 1}, {"c": UNKNOWN}]}, "s": SECRET, "n": None, "flat": "x"}


def test_one_step_and_dotted_paths_over_dicts_and_lists():
    assert dig(DATA, "flat") == "x"
    assert dig(DATA, "a.b.0.c") == 1
    assert dig(DATA, "a.b.2.c", "default") == "default"  # past the list's end
    assert dig(DATA, "a.b.x", "default") == "default"  # a list step must be a number
    assert dig(DATA, "missing", 7) == 7
    assert dig(DATA, "n", 7) is None  # present and None is not missing


def test_unknown_and_secret_stop_the_path():
    assert dig(DATA, "a.b.1.c") is UNKNOWN
    assert dig(DATA, "a.b.1.c.deeper") is UNKNOWN
    assert dig(DATA, "s.anything") is SECRET
    assert dig(UNKNOWN, "a") is UNKNOWN


def test_any_mapping_reads_as_a_dict_does():
    proxied = MappingProxyType({"a": MappingProxyType({"b": 2}), "flat": "x"})
    assert dig(proxied, "a.b") == 2
    assert dig(proxied, "flat") == "x"
    assert dig(proxied, "a.c", "default") == "default"
    assert dig("a string", "a", "default") == "default"
