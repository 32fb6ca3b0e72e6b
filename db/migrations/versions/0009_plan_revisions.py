"""plan revisions and autoregulation proposals

plan_revisions: every change to a saved plan's future (edit, move, copy, remove), who and when,
with the workout before and after.
plan_proposals: proposed changes to a client's coming week, pending until the coach decides.

Revision ID: 0009
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "plan_revisions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("mesocycle_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("workout_id", sa.Uuid(), nullable=False),
        sa.Column("coach_id", sa.Uuid(), nullable=True),
        sa.Column("author", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("summary", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_plan_revisions_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["coaches.id"],
            name=op.f("fk_plan_revisions_coach_id_coaches"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["mesocycle_id"],
            ["mesocycles.id"],
            name=op.f("fk_plan_revisions_mesocycle_id_mesocycles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_revisions")),
    )
    op.create_index(op.f("ix_plan_revisions_client_id"), "plan_revisions", ["client_id"])
    op.create_index(
        "ix_plan_revisions_mesocycle_id_created_at",
        "plan_revisions",
        ["mesocycle_id", "created_at"],
    )
    op.create_table(
        "plan_proposals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("mesocycle_id", sa.Uuid(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'accepted', 'dismissed')",
            name=op.f("ck_plan_proposals_status"),
        ),
        sa.ForeignKeyConstraint(
            ["client_id"],
            ["clients.id"],
            name=op.f("fk_plan_proposals_client_id_clients"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["mesocycle_id"],
            ["mesocycles.id"],
            name=op.f("fk_plan_proposals_mesocycle_id_mesocycles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_proposals")),
    )
    op.create_index(
        "ix_plan_proposals_client_id_status", "plan_proposals", ["client_id", "status"]
    )
    op.create_index(op.f("ix_plan_proposals_mesocycle_id"), "plan_proposals", ["mesocycle_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_proposals_mesocycle_id"), table_name="plan_proposals")
    op.drop_index("ix_plan_proposals_client_id_status", table_name="plan_proposals")
    op.drop_table("plan_proposals")
    op.drop_index("ix_plan_revisions_mesocycle_id_created_at", table_name="plan_revisions")
    op.drop_index(op.f("ix_plan_revisions_client_id"), table_name="plan_revisions")
    op.drop_table("plan_revisions")
