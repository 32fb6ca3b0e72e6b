"""a pending proposal follows late logs

plan_proposals.inputs_hash: the SHA-256 of the workouts and sets a proposal was made from, so a
pending proposal is made again when they change. Nullable: existing rows keep everything and are
made again (pending) or left alone (decided) the next time they are read.

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plan_proposals") as batch:
        batch.add_column(
            sa.Column("inputs_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("plan_proposals") as batch:
        batch.drop_column("inputs_hash")
