"""Masking rule sets say what a mask job does with unknown columns that look personal.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: existing rule sets fail closed."""
    op.add_column(
        "masking_rules",
        sa.Column("unknown_columns", sa.String(length=20), server_default=sa.text("'fail'"), nullable=False),
    )
    op.create_check_constraint(
        op.f("ck_masking_rules_unknown_columns"),
        "masking_rules",
        "unknown_columns IN ('fail', 'mask_default')",
    )


def downgrade() -> None:
    """Revert this revision."""
    op.drop_constraint(op.f("ck_masking_rules_unknown_columns"), "masking_rules", type_="check")
    op.drop_column("masking_rules", "unknown_columns")
