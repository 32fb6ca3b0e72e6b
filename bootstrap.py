"""Composition root: database engine (migrated once), generators, and per-coach storage + service.

Importable without Streamlit (the CLI, the bench and the tests build the same graph); the pages get
the process-wide part through ``ui.services()``, a ``st.cache_resource`` wrapper, built once per
server process, and a coach's workspace (storage and service scoped to that coach) per session.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Engine

from core.client_address import TRUSTED_PROXIES, TrustedProxies, parse_trusted_proxies
from core.client_links import REFUSED, LinkGrant, LinkKind, LinkRefused
from core.delivery.plan_json import IMPORTED
from core.generation.base import OFFLINE, OPENAI, MesocycleGenerator
from core.generation.engine import OfflineEngine
from core.ports import Storage
from core.read_models import CoachRecord
from core.redaction import url_without_credentials
from core.service import MesocycleGenerationService
from core.validation import validate_mesocycle
from db import client_links
from db.accounts import coach_by_id
from db.engine import make_engine
from db.migrate import upgrade_to_head
from db.settings import database_url, describe_url, masked_url
from db.storage import SqlStorage

log = logging.getLogger(__name__)

OPENAI_KEYS = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "OPENAI_TIMEOUT",
    "OPENAI_MAX_RETRIES",
)
GENERATOR_LABELS = {
    OFFLINE: "Offline rule engine",
    OPENAI: "OpenAI drafter",
    IMPORTED: "a plan file (imported)",
}


@dataclass(frozen=True)
class OpenAIStatus:
    """What the Settings page may show about the AI drafter; the key itself never leaves here."""

    configured: bool
    key_present: bool = False
    model: str | None = None
    base_url: str | None = None
    error: str | None = None
    """Why the settings were rejected (a bad OPENAI_TIMEOUT…), coach-readable."""


@dataclass(frozen=True)
class Wiring:
    """What a server process shares: the engine and the generators. No client data lives here."""

    engine: Engine
    generators: dict[str, MesocycleGenerator]
    """Every generator the coach can choose, by name; ``OFFLINE`` is always there."""
    database_url: str
    openai: OpenAIStatus = field(default_factory=lambda: OpenAIStatus(configured=False))
    trusted_proxies: TrustedProxies = field(default_factory=TrustedProxies)
    """The reverse proxies whose X-Forwarded-For names the browser (PERIODIZE_TRUSTED_PROXIES)."""

    @property
    def database_kind(self) -> str:
        """What a coach may see of the database: its kind, never its host, path or user."""
        return "SQLite" if self.database_url.startswith("sqlite") else "PostgreSQL"

    @property
    def database_location(self) -> str:
        """What an admin may see of the database: its URL or file, password and query masked."""
        return masked_url(self.database_url)

    @property
    def default_generator(self) -> str:
        return OPENAI if OPENAI in self.generators else OFFLINE

    def for_coach(self, coach: CoachRecord) -> Workspace:
        """Storage and service that can only see and change this coach's clients."""
        storage = SqlStorage(self.engine, coach.id)
        service = MesocycleGenerationService(storage, self.generators[self.default_generator])
        return Workspace(self, coach, storage, service)

    def open_link(self, token: str, kind: LinkKind, address: str | None) -> LinkAccess:
        """What a client link's token opens (throttled per address; db/client_links.py): the
        link's coach's workspace, to be used for the link's one client only. Raises LinkRefused."""
        grant = client_links.open_link(self.engine, token, kind, address)
        coach = coach_by_id(self.engine, grant.coach_id)
        if coach is None:  # the account was removed since
            raise LinkRefused(REFUSED)
        return LinkAccess(grant, self.for_coach(coach))

    def link_still_open(self, link_id: uuid.UUID) -> bool:
        return client_links.still_open(self.engine, link_id)


@dataclass(frozen=True)
class Workspace:
    """One signed-in coach's view: every read and write goes through the coach-scoped storage."""

    wiring: Wiring
    coach: CoachRecord
    storage: Storage
    service: MesocycleGenerationService

    @property
    def engine(self) -> Engine:
        return self.wiring.engine

    @property
    def generators(self) -> dict[str, MesocycleGenerator]:
        return self.wiring.generators

    @property
    def openai(self) -> OpenAIStatus:
        return self.wiring.openai

    @property
    def database_kind(self) -> str:
        return self.wiring.database_kind

    @property
    def default_generator(self) -> str:
        return self.wiring.default_generator


@dataclass(frozen=True)
class LinkAccess:
    """An opened client link: which link and client, and the workspace of the client's coach."""

    grant: LinkGrant
    workspace: Workspace


def openai_environment(
    environ: Mapping[str, str] | None = None, secrets: Mapping[str, object] | None = None
) -> dict[str, str]:
    """The OPENAI_* settings: ``.streamlit/secrets.toml`` values, overridden by the environment."""
    environ = os.environ if environ is None else environ
    merged: dict[str, str] = {}
    for key in OPENAI_KEYS:
        from_secrets = (secrets or {}).get(key)
        if from_secrets is not None and str(from_secrets).strip():
            merged[key] = str(from_secrets).strip()
        from_env = environ.get(key, "").strip()
        if from_env:
            merged[key] = from_env
    return merged


def build_generators(
    settings_env: Mapping[str, str],
) -> tuple[dict[str, MesocycleGenerator], OpenAIStatus]:
    """The offline engine, plus the OpenAI drafter when configured (it falls back to the engine)."""
    offline = OfflineEngine()
    generators: dict[str, MesocycleGenerator] = {OFFLINE: offline}
    try:
        from core.generation.llm import OpenAIGenerator, openai_settings_from_env

        settings = openai_settings_from_env(settings_env)
    except ValueError as error:  # a malformed OPENAI_TIMEOUT and the like
        return generators, OpenAIStatus(configured=False, error=str(error))
    if settings is None:
        return generators, OpenAIStatus(configured=False)
    generators[OPENAI] = OpenAIGenerator.from_settings(
        settings, fallback=offline, validate=validate_mesocycle
    )
    status = OpenAIStatus(
        configured=True,
        key_present=bool(settings_env.get("OPENAI_API_KEY")),
        model=settings.model,
        base_url=url_without_credentials(settings.base_url) if settings.base_url else None,
    )
    log.info("AI drafter configured: model %s, base URL %s", settings.model, status.base_url)
    return generators, status


def build_wiring(
    environ: Mapping[str, str] | None = None,
    secrets: Mapping[str, object] | None = None,
    *,
    migrate: bool = True,
) -> Wiring:
    """Engine from ``DATABASE_URL``/``PERIODIZE_DATA_DIR``, schema upgraded to head, generators."""
    environ = os.environ if environ is None else environ
    url = database_url(dict(environ))
    engine = make_engine(url)
    if migrate:
        upgrade_to_head(engine)
    log.info("database ready: %s", describe_url(url))
    generators, openai_status = build_generators(openai_environment(environ, secrets))
    return Wiring(
        engine=engine,
        generators=generators,
        database_url=url,
        openai=openai_status,
        trusted_proxies=trusted_proxies(environ),
    )


def trusted_proxies(environ: Mapping[str, str]) -> TrustedProxies:
    """PERIODIZE_TRUSTED_PROXIES, read once; an unreadable entry is left out and logged."""
    proxies, unreadable = parse_trusted_proxies(environ.get(TRUSTED_PROXIES, ""))
    for entry in unreadable:
        log.warning("%s: %r is not an address or a network; it is ignored", TRUSTED_PROXIES, entry)
    if proxies.networks:
        log.info("X-Forwarded-For is read from %s", ", ".join(map(str, proxies.networks)))
    return proxies
