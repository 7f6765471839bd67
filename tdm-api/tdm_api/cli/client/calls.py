"""One API call and its answer printed: the shape most read-only and create commands share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import typer

from tdm_api.cli.client.context import api_client, options_of
from tdm_api.cli.client.render import print_json, show_list, show_record


def get_list(ctx: typer.Context, path: str, columns: Sequence[str], **params: Any) -> None:
    """GET `path` and print the answer as a table of `columns` (or its JSON)."""
    with api_client(ctx) as client:
        data = client.get(path, **params)
    show_list(options_of(ctx), data, columns)


def post_record(
    ctx: typer.Context, path: str, body: dict[str, Any], fields: Sequence[str] | None = None
) -> None:
    """POST `body` to `path` and print the answer as one record (or its JSON)."""
    with api_client(ctx) as client:
        data = client.post(path, body)
    show_record(options_of(ctx), data, fields)


def show_with_items(
    ctx: typer.Context,
    data: Any,
    items_key: str,
    item_columns: Sequence[str],
    fields: Sequence[str] | None = None,
) -> None:
    """Print a record and, below it, its list under `items_key` as a table (or the whole JSON)."""
    options = options_of(ctx)
    if options.json or not isinstance(data, dict):
        print_json(data)
        return
    show_record(options, {k: v for k, v in data.items() if k != items_key}, fields)
    show_list(options, data.get(items_key) or [], item_columns)
