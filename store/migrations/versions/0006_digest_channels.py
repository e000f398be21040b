"""digest_channels: each channel's subscription (destination, format, filters) and where it starts

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:10:00

Channel ids changed with issue 15 (a folder's formats, each e-mail recipient and each filter set
are channels of their own). Existing rows are left as they are: a new channel id continues the
deliveries of the old ids it replaces when it is first used (store/subscriptions.py), so an
existing deployment re-sends nothing.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import store.models

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "digest_channels",
        sa.Column("channel", sa.Text(), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("start", sa.Text(), nullable=False),
        sa.Column("subscribed_at", store.models.TZDateTime(), nullable=False),
        sa.Column("since", store.models.TZDateTime(), nullable=True),
        sa.Column("inherited_from", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("channel"),
    )


def downgrade() -> None:
    op.drop_table("digest_channels")
