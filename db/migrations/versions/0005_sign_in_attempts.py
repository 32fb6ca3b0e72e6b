"""sign-in throttling and sessions ended by a password change

sign_in_attempts: recent attempts per account and per client address, shared by every replica.
coaches.session_version: raised by each password change; older browser sessions end.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("coaches") as batch:
        batch.add_column(
            sa.Column("session_version", sa.Integer(), server_default="1", nullable=False)
        )
    op.create_table(
        "sign_in_attempts",
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lockouts", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index(
        op.f("ix_sign_in_attempts_last_attempt_at"), "sign_in_attempts", ["last_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sign_in_attempts_last_attempt_at"), table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")
    with op.batch_alter_table("coaches") as batch:
        batch.drop_column("session_version")
