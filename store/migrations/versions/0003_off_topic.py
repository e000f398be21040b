"""off_topic: articles the ingest gate turned away, remembered as seen

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07 11:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "off_topic",
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("path", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", store.models.TZDateTime(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("seen_at", store.models.TZDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("location"),
    )
    with op.batch_alter_table("off_topic", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_off_topic_canonical_url"), ["canonical_url"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("off_topic", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_off_topic_canonical_url"))
    op.drop_table("off_topic")
