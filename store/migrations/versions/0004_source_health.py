"""source_health: per source, last success, last new article, consecutive failures

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_health",
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("tracked_since", store.models.TZDateTime(), nullable=False),
        sa.Column("last_run_at", store.models.TZDateTime(), nullable=True),
        sa.Column("last_success_at", store.models.TZDateTime(), nullable=True),
        sa.Column("last_new_article_at", store.models.TZDateTime(), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("source"),
    )


def downgrade() -> None:
    op.drop_table("source_health")
