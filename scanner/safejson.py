"""JSON from untrusted input, parsed with its nesting bounded.

CPython's json recurses once per nesting level: a few hundred kilobytes of '[' raise RecursionError,
which is not the ValueError every caller handles, so one hostile file, page or API answer ended a
scan with a traceback. A value nested a few hundred deep still parses, then breaks the recursive
walkers downstream. Every whole-document parse of an export member, input file, input line or API
answer goes through `loads`, which reports both as the JSONDecodeError callers already expect.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

MAX_DEPTH = 200
"""Deepest nesting accepted; real exports and API answers stay under 20."""


def _depth_over(value: Any, limit: int) -> bool:
    """Whether containers nest deeper than `limit` (iterative: the check must not recurse either)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


def loads(data: str | bytes | bytearray, max_depth: int = MAX_DEPTH) -> Any:
    """json.loads, but nesting deeper than `max_depth` is a JSONDecodeError, never a RecursionError."""
    too_deep = json.JSONDecodeError(f"nested more than {max_depth} levels deep", "", 0)
    try:
        value = json.loads(data)
    except RecursionError:
        raise too_deep from None
    if isinstance(data, str):
        opening = data.count("[") + data.count("{")
    else:
        opening = data.count(b"[") + data.count(b"{")
    if opening > max_depth and _depth_over(value, max_depth):
        raise too_deep
    return value
