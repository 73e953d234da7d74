"""PostgreSQL access with credentials from AWS Secrets Manager.

RDS manages and rotates the master credentials secret: it holds ``username``
and ``password`` (and, for secrets created otherwise, possibly ``host``,
``port`` and ``dbname``, which then win over the settings). Credentials are
cached for a few minutes and fetched again when a connection is refused, so
a rotation never needs a restart.
"""

import json
import logging
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol

import psycopg

from app.config import Settings

logger = logging.getLogger(__name__)


class DatabaseUnavailable(RuntimeError):
    """The database cannot be reached or refused the credentials."""


class SecretsClient(Protocol):
    """The part of boto3's Secrets Manager client this module uses."""

    def get_secret_value(self, *, SecretId: str) -> Mapping[str, Any]:
        """Return the secret's current version (``SecretString``)."""


class DatabaseProbe(Protocol):
    """What the readiness check needs from the database."""

    def ping(self) -> None:
        """Return when the database answers; raise DatabaseUnavailable otherwise."""


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str
    host: str
    port: int
    dbname: str


Connect = Callable[..., Any]


def region_of(secret_arn: str) -> str:
    """The region part of an ARN (arn:aws:secretsmanager:REGION:...)."""
    parts = secret_arn.split(":")
    if len(parts) < 7 or not parts[3]:
        raise ValueError(f"not a secret ARN: {secret_arn!r}")
    return parts[3]


def credentials_from_secret(secret_string: str, settings: Settings) -> Credentials:
    try:
        secret = json.loads(secret_string)
    except json.JSONDecodeError:
        raise DatabaseUnavailable("database secret is not JSON") from None
    if not isinstance(secret, dict):
        raise DatabaseUnavailable("database secret is not a JSON object")
    missing = [key for key in ("username", "password") if not secret.get(key)]
    if missing:
        raise DatabaseUnavailable(f"database secret lacks {', '.join(missing)}")
    return Credentials(
        user=str(secret["username"]),
        password=str(secret["password"]),
        host=str(secret.get("host") or settings.db_host),
        port=int(secret.get("port") or settings.db_port),
        dbname=str(secret.get("dbname") or settings.db_name),
    )


def _default_secrets_client(secret_arn: str) -> SecretsClient:
    import boto3

    client: SecretsClient = boto3.client(
        "secretsmanager", region_name=region_of(secret_arn)
    )
    return client


class Database:
    def __init__(
        self,
        settings: Settings,
        connect: Connect = psycopg.connect,
        secrets_client: SecretsClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._connect = connect
        self._secrets_client = secrets_client
        self._clock = clock
        self._cached: tuple[Credentials, float] | None = None

    def credentials(self, refresh: bool = False) -> Credentials:
        settings = self._settings
        if settings.db_secret_arn is None:
            return Credentials(
                user=settings.db_user or "",
                password=settings.db_password or "",
                host=settings.db_host,
                port=settings.db_port,
                dbname=settings.db_name,
            )
        now = self._clock()
        if (
            not refresh
            and self._cached is not None
            and now - self._cached[1] < settings.credentials_ttl_seconds
        ):
            return self._cached[0]
        if self._secrets_client is None:
            self._secrets_client = _default_secrets_client(settings.db_secret_arn)
        try:
            response = self._secrets_client.get_secret_value(
                SecretId=settings.db_secret_arn
            )
        except Exception as error:
            raise DatabaseUnavailable(
                f"cannot read the database secret: {type(error).__name__}"
            ) from error
        credentials = credentials_from_secret(
            str(response.get("SecretString", "")), settings
        )
        self._cached = (credentials, now)
        return credentials

    def _open(self, credentials: Credentials) -> Any:
        return self._connect(
            host=credentials.host,
            port=credentials.port,
            dbname=credentials.dbname,
            user=credentials.user,
            password=credentials.password,
            sslmode=self._settings.db_sslmode,
            connect_timeout=self._settings.db_connect_timeout,
            application_name=self._settings.service_name,
        )

    def ping(self) -> None:
        """Run ``SELECT 1``; retry once with fresh credentials (rotation)."""
        for attempt in (1, 2):
            try:
                with self._open(self.credentials(refresh=attempt == 2)) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError as error:
                if attempt == 2 or self._settings.db_secret_arn is None:
                    logger.warning("database ping failed: %s", error)
                    raise DatabaseUnavailable(str(error)) from error
