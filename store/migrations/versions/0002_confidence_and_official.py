"""confidence and basis on pairings and funding; the official list a pairing is in

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-07 10:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pairings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("basis", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("official", sa.JSON(), nullable=True))
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("basis", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.drop_column("basis")
        batch_op.drop_column("confidence")
    with op.batch_alter_table("pairings", schema=None) as batch_op:
        batch_op.drop_column("official")
        batch_op.drop_column("basis")
        batch_op.drop_column("confidence")
