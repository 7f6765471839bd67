"""Printing results: Rich tables for people, bare JSON for programs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from rich.table import Table

from tdm_api.cli.client.context import ClientOptions
from tdm_api.cli.console import out

_MAX_CELL = 80


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, dict | list):
        text = json.dumps(value, default=str, separators=(",", ":"))
    else:
        text = str(value)
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def print_json(data: Any) -> None:
    """Write `data` as JSON on stdout, nothing else (for `--output json` and pipes)."""
    print(json.dumps(data, indent=2, default=str, sort_keys=False))


def rows_of(data: Any) -> list[dict[str, Any]]:
    """The list of records in a list response or a page (`{"items": [...]}`)."""
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        return data["items"]
    return data if isinstance(data, list) else [data]


def show_list(options: ClientOptions, data: Any, columns: Sequence[str]) -> None:
    """Print a list response: a table with `columns`, or the full JSON."""
    if options.json:
        print_json(data)
        return
    rows = rows_of(data)
    table = Table(*columns)
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    out.print(table)
    if isinstance(data, dict) and "total" in data and data["total"] > len(rows):
        out.print(f"{len(rows)} of {data['total']} shown (use --limit/--offset)", markup=False)


def show_record(options: ClientOptions, data: Any, fields: Sequence[str] | None = None) -> None:
    """Print one record: a two-column table (all fields, or `fields`), or the full JSON."""
    if options.json or not isinstance(data, dict):
        print_json(data)
        return
    table = Table("field", "value", show_header=False)
    for key in fields or list(data):
        if key in data:
            table.add_row(key, _cell(data[key]))
    out.print(table)


def show_message(options: ClientOptions, data: Any, message: str) -> None:
    """Print a short confirmation for people, or the response JSON for programs."""
    if options.json:
        print_json(data if data is not None else {"ok": True})
    else:
        out.print(message, markup=False)
