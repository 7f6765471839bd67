"""One API call and its answer printed: the shape most read-only and create commands share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import typer

from tdm_api.cli.client.context import api_client, options_of
from tdm_api.cli.client.generated.types import Response
from tdm_api.cli.client.render import print_json, show_list, show_record

Endpoint = Callable[..., Response[Any]]


def get_list(ctx: typer.Context, endpoint: Endpoint, columns: Sequence[str], **params: Any) -> None:
    """Call a generated list endpoint and print the answer as a table of `columns` (or its JSON)."""
    with api_client(ctx) as client:
        data = client.call(endpoint, **params).data
    show_list(options_of(ctx), data, columns)


def post_record(
    ctx: typer.Context, endpoint: Endpoint, body: Any, fields: Sequence[str] | None = None
) -> None:
    """Send `body` (a generated request model) to `endpoint`; print the answer as one record (or its JSON)."""
    with api_client(ctx) as client:
        data = client.call(endpoint, body=body).data
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
