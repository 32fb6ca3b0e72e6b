"""mesocycle templates: a coach's saved block structures, applied to many clients

mesocycle_templates: one row per template (name unique per coach), its body as JSON.

Revision ID: 0008
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "mesocycle_templates",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("coach_id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("program_type", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("phase", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coach_id"], ["coaches.id"], name=op.f("fk_mesocycle_templates_coach_id_coaches")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mesocycle_templates")),
        sa.UniqueConstraint("coach_id", "name", name=op.f("uq_mesocycle_templates_coach_id_name")),
    )
    op.create_index(
        op.f("ix_mesocycle_templates_coach_id"), "mesocycle_templates", ["coach_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_mesocycle_templates_coach_id"), table_name="mesocycle_templates")
    op.drop_table("mesocycle_templates")
