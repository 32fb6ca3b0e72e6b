"""a coach's default units

coaches.load_unit (kg or lb) and coaches.distance_unit (km or mi): what a client who has not been
given units of their own is shown in. Existing coaches start metric.

Revision ID: 0007
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaches") as batch:
        batch.add_column(
            sa.Column(
                "load_unit",
                sqlmodel.sql.sqltypes.AutoString(length=2),
                server_default="kg",
                nullable=False,
            )
        )
        batch.add_column(
            sa.Column(
                "distance_unit",
                sqlmodel.sql.sqltypes.AutoString(length=2),
                server_default="km",
                nullable=False,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("coaches") as batch:
        batch.drop_column("distance_unit")
        batch.drop_column("load_unit")
