"""The coach's templates table: one coach's rows only, names unique per coach (case ignored)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from core.errors import Conflict, NotFound
from db.models import MesocycleTemplateDB


class TemplateRepository:
    def __init__(self, session: Session, coach_id: uuid.UUID) -> None:
        self.session = session
        self.coach_id = coach_id

    def create_template(
        self, name: str, program_type: str, phase: str, body: dict[str, Any]
    ) -> uuid.UUID:
        """Insert a template; a name this coach already uses (in any case) is a Conflict."""
        taken = select(MesocycleTemplateDB.id).where(
            MesocycleTemplateDB.coach_id == self.coach_id,
            func.lower(MesocycleTemplateDB.name) == name.lower(),
        )
        refusal = f"You already have a template named '{name}'; pick another name."
        if self.session.exec(taken).first() is not None:
            raise Conflict(refusal)
        row = MesocycleTemplateDB(
            coach_id=self.coach_id, name=name, program_type=program_type, phase=phase, body=body
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:  # the same name saved at the same moment by another session
            raise Conflict(refusal) from None
        return row.id

    def list_templates(self) -> list[MesocycleTemplateDB]:
        statement = (
            select(MesocycleTemplateDB)
            .where(MesocycleTemplateDB.coach_id == self.coach_id)
            .order_by(func.lower(MesocycleTemplateDB.name), col(MesocycleTemplateDB.name))
        )
        return list(self.session.exec(statement))

    def get_template(self, template_id: uuid.UUID) -> MesocycleTemplateDB | None:
        statement = select(MesocycleTemplateDB).where(
            MesocycleTemplateDB.id == template_id, MesocycleTemplateDB.coach_id == self.coach_id
        )
        return self.session.exec(statement).first()

    def delete_template(self, template_id: uuid.UUID) -> None:
        row = self.get_template(template_id)
        if row is None:
            raise NotFound("That template does not exist.")
        self.session.delete(row)
        self.session.flush()
