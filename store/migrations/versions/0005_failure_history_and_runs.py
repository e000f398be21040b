"""when a location first failed; one row per ingest run (for `pairwatch status` and `failures`)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("failures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_failed_at", store.models.TZDateTime(), nullable=True))
    op.execute("UPDATE failures SET first_failed_at = failed_at")
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("started_at", store.models.TZDateTime(), nullable=False),
        sa.Column("finished_at", store.models.TZDateTime(), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
    )
    op.create_index("ix_runs_kind_finished_at", "runs", ["kind", "finished_at"])


def downgrade() -> None:
    op.drop_index("ix_runs_kind_finished_at", table_name="runs")
    op.drop_table("runs")
    with op.batch_alter_table("failures", schema=None) as batch_op:
        batch_op.drop_column("first_failed_at")
