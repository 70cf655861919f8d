"""Models computed once per stack index: the rules and the plan's preflight section share them.

Several consumers need the same model of one stack: the journey rules and the plan's
preflight section build the same journeys, the Snowflake step rule, the ingest journey and
the preflight section the same Snowflake steps, the data-path rule and the preflight section
the same data paths. Each is a pure function of the stack (its `StackIndex`) and the rule's
`Context`, so it is computed on first use and kept beside the index object, for as long as
that index lives (a weak key: nothing outlives the plan that built it).

The offline plan builds one index per stack and hands it to both the policy evaluation and
the preflight section, so each model is built once per plan. The pack
(`pulumi preview --policy-pack policies`) gets a new resource list for every policy and
builds an index per policy, so there each rule still computes what it needs by itself: the
same functions, the same results, nothing shared between policies. A computation that
raises is not kept: the next caller runs it again and gets the same exception.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from .index import StackIndex

T = TypeVar("T")

# index -> function -> its results: by the further arguments when they hash (a URN, a tuple
# of types), else in a list compared with `==` (a Context holds a dict of rule properties,
# so it is not hashable).
_Results = tuple[dict[tuple[Any, ...], Any], list[tuple[tuple[Any, ...], Any]]]
_MEMO: WeakKeyDictionary[StackIndex, dict[Callable[..., Any], _Results]] = WeakKeyDictionary()


def once(index: StackIndex, compute: Callable[..., T], *args: Any) -> T:
    """`compute(index, *args)`, computed on the first call for this index and equal `args`,
    then the same object for every later call. The result must not be mutated by callers
    (keep it a tuple or a frozen value)."""
    by_function = _MEMO.setdefault(index, {})
    hashed, listed = by_function.setdefault(compute, ({}, []))
    try:
        if args in hashed:
            return hashed[args]  # type: ignore[no-any-return]
    except TypeError:  # unhashable arguments: compared one by one below
        pass
    else:
        result = compute(index, *args)
        hashed[args] = result
        return result
    for known_args, result in listed:
        if known_args == args:
            return result
    result = compute(index, *args)
    listed.append((args, result))
    return result


def computed_count(index: StackIndex, compute: Callable[..., Any]) -> int:
    """How many distinct argument sets `compute` was computed for on `index` (tests)."""
    hashed, listed = _MEMO.get(index, {}).get(compute, ({}, []))
    return len(hashed) + len(listed)
