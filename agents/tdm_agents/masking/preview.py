"""Masked sample rows for the rule builder: the same engine on a handful of rows."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from tdm_agents.masking.context import MaskContext
from tdm_agents.masking.engine import mask_table
from tdm_agents.masking.rules import ResolvedRule


def preview(
    rows: pa.Table, rules: Sequence[ResolvedRule], ctx: MaskContext, table: str | None = None
) -> tuple[pa.Table, pa.Table]:
    """(before, after) for a few rows of one table; `table` defaults to the table of the first rule."""
    target = table or (rules[0].table if rules else "")
    batches = rows.to_batches()
    masked = list(mask_table(target, batches, rules, ctx))
    after = pa.Table.from_batches(masked, schema=rows.schema) if masked else rows.slice(0, 0)
    return rows, after
