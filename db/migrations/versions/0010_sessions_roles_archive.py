"""sessions that last, admin coaches, archived clients

coach_sessions: one row per signed-in browser, holding the SHA-256 of its cookie (never the
cookie) and of the one-time code that hands the cookie over.
coaches.is_admin: the first coach (the oldest account of an existing install) is the admin.
clients.archived_at: set while a client is archived.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "coach_sessions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("coach_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("handoff_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("handoff_expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("session_version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["coach_id"],
            ["coaches.id"],
            name=op.f("fk_coach_sessions_coach_id_coaches"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_coach_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_coach_sessions_token_hash")),
        sa.UniqueConstraint("handoff_hash", name=op.f("uq_coach_sessions_handoff_hash")),
    )
    op.create_index(
        op.f("ix_coach_sessions_coach_id"), "coach_sessions", ["coach_id"], unique=False
    )
    with op.batch_alter_table("coaches") as batch:
        batch.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # the oldest account of an existing install is its admin (as the first account is on a new one)
    op.execute(
        "UPDATE coaches SET is_admin = TRUE WHERE id = "
        "(SELECT id FROM coaches ORDER BY created_at, id LIMIT 1)"
    )
    with op.batch_alter_table("clients") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("clients") as batch:
        batch.drop_column("archived_at")
    with op.batch_alter_table("coaches") as batch:
        batch.drop_column("is_admin")
    op.drop_index(op.f("ix_coach_sessions_coach_id"), table_name="coach_sessions")
    op.drop_table("coach_sessions")
