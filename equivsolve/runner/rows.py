"""Batch input: JSON Lines rows become tasks, or ``invalid`` result rows.

Every non-blank input line yields exactly one output row, so a row that cannot
be understood (malformed JSON, no kind, missing fields) is not dropped: it
becomes an ``invalid`` result whose reason names the problem and the line.
Rows are read lazily, one line at a time, so a batch of millions of rows never
sits in memory.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard, cast

from ..result import CheckResult, Verdict

#: Kinds whose rows carry a ``domain`` field, passed to the check as ``domain=``
#: (interface.md: "``domain`` only for ``pddl``"). Other kinds ignore the field,
#: since datasets often use ``domain`` for a subject tag.
DOMAIN_KINDS = frozenset({"pddl"})

Source = str | os.PathLike | Iterable[Any]


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work for a worker: a pair check or a grouping."""

    id: Any
    kind: str
    op: str  # "check" or "group"
    left: str = ""
    right: str = ""
    items: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    timeout: float | None = None


def invalid_row(row_id: Any, reason: str) -> dict[str, Any]:
    """The output row of an input row that could not be understood."""
    return CheckResult(Verdict.INVALID, reason=reason, id=row_id).to_dict()


def unknown_row(row_id: Any, reason: str, elapsed_s: float = 0.0) -> dict[str, Any]:
    """The output row of a row that timed out, crashed its worker or raised."""
    return CheckResult(Verdict.UNKNOWN, reason=reason, elapsed_s=elapsed_s, id=row_id).to_dict()


def is_path(source: Any) -> TypeGuard[str | os.PathLike]:
    return isinstance(source, (str, os.PathLike))


@contextmanager
def open_rows(source: Source) -> Iterator[Iterator[tuple[int, Any]]]:
    """Yield ``(line number, raw row)`` pairs from a path, ``"-"``, a file or an iterable.

    A raw row is bytes or str (one JSON line) or an already decoded ``dict``.
    """
    if is_path(source):
        if os.fspath(source) == "-":
            yield enumerate(getattr(sys.stdin, "buffer", sys.stdin), start=1)
            return
        with open(source, "rb") as handle:
            yield enumerate(handle, start=1)
        return
    yield enumerate(cast(Iterable[Any], source), start=1)


def count_rows(source: Source) -> int | None:
    """Count non-blank lines cheaply when ``source`` is a file or a list; else ``None``."""
    if isinstance(source, (list, tuple)):
        return sum(1 for raw in source if not _blank(raw))
    if not is_path(source) or os.fspath(source) == "-":
        return None
    try:
        with open(source, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return None


def _blank(raw: Any) -> bool:
    return isinstance(raw, (str, bytes)) and not raw.strip()


def prepare(
    lineno: int,
    raw: Any,
    *,
    default_kind: str | None,
    timeout: float | None,
    options: dict[str, Any] | None = None,
) -> Task | dict[str, Any] | None:
    """Turn one raw input row into a :class:`Task`, an ``invalid`` row, or ``None`` if blank."""
    row = _decode(lineno, raw)
    if row is None or isinstance(row, str):
        return None if row is None else invalid_row(None, row)
    row_id = row.get("id")
    problem, task = _to_task(row, default_kind, timeout, options or {})
    if problem is not None:
        return invalid_row(row_id, f"line {lineno}: {problem}")
    return task


def _decode(lineno: int, raw: Any) -> dict[str, Any] | str | None:
    """The row as a dict, ``None`` for a blank line, or a message saying what is wrong."""
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, (bytes, bytearray)):
        try:
            raw = bytes(raw).decode("utf-8")
        except UnicodeDecodeError as exc:
            return f"line {lineno}: not valid UTF-8 (byte {exc.start + 1})"
    if not isinstance(raw, str):
        return f"line {lineno}: expected a JSON line or an object, got {type(raw).__name__}"
    text = raw.strip().lstrip("\ufeff")
    if not text:
        return None
    try:
        row = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"line {lineno}: invalid JSON: {exc.msg} (column {exc.colno})"
    if not isinstance(row, dict):
        return f"line {lineno}: expected a JSON object, got {_json_type(row)}"
    return row


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _text(value: Any) -> str | None:
    """Item text: strings as they are, numbers (common in answer datasets) as written."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _to_task(
    row: dict[str, Any], default_kind: str | None, timeout: float | None, defaults: dict[str, Any]
) -> tuple[str | None, Task | None]:
    kind = row.get("kind") or default_kind
    if kind is None:
        return 'missing "kind" (give it in the row or with --kind)', None
    if not isinstance(kind, str):
        return f'"kind" must be a string, got {_json_type(kind)}', None
    given = row.get("options")
    if given is not None and not isinstance(given, dict):
        return f'"options" must be an object, got {_json_type(given)}', None
    options: dict[str, Any] = {}
    if defaults or given:
        from ..domains import options_for

        try:
            options = options_for(kind, {**defaults, **(given or {})})
        except ValueError as exc:  # an unknown option or value, or an unknown kind
            return str(exc), None
    if kind in DOMAIN_KINDS and row.get("domain") is not None:
        if not isinstance(row["domain"], str):
            return '"domain" must be a string holding the domain text', None
        options["domain"] = row["domain"]
    common = {"id": row.get("id"), "kind": kind, "options": options, "timeout": timeout}
    if "items" in row:
        if "left" in row or "right" in row:
            return 'a row has either "items" or "left"/"right", not both', None
        items = row["items"]
        if not isinstance(items, list):
            return f'"items" must be an array, got {_json_type(items)}', None
        texts = [_text(item) for item in items]
        bad = [i for i, text in enumerate(texts) if text is None]
        if bad:
            return f'"items" must hold strings; item {bad[0]} is {_json_type(items[bad[0]])}', None
        return None, Task(op="group", items=tuple(texts), **common)  # type: ignore[arg-type]
    missing = [name for name in ("left", "right") if row.get(name) is None]
    if missing:
        return "missing " + ", ".join(f'"{name}"' for name in missing), None
    left, right = _text(row["left"]), _text(row["right"])
    for name, text in (("left", left), ("right", right)):
        if text is None:
            return f'"{name}" must be a string, got {_json_type(row[name])}', None
    return None, Task(op="check", left=left, right=right, **common)  # type: ignore[arg-type]


def same_file(source: Any, sink: Any) -> bool:
    """True when input and output name the same file (writing would destroy the input)."""
    if not (is_path(source) and is_path(sink)) or "-" in (os.fspath(source), os.fspath(sink)):
        return False
    try:
        return Path(source).resolve() == Path(sink).resolve()
    except OSError:  # pragma: no cover - resolve() failures are platform corner cases
        return False


def is_binary_stream(stream: Any) -> bool:
    return isinstance(stream, (io.RawIOBase, io.BufferedIOBase)) or "b" in getattr(
        stream, "mode", ""
    )
