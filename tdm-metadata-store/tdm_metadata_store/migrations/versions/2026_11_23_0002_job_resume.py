"""Jobs paused for a person's approval keep the answer that resumes them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""
    op.add_column("jobs", sa.Column("resume_json", postgresql.JSONB(astext_type=sa.Text()), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    op.drop_column("jobs", "resume_json")
