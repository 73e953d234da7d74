"""Settings read from environment variables.

In a pod the Deployment sets them; the database credentials come from the
Secrets Manager secret named by ``DB_SECRET_ARN``, read with the pod's IAM
role (IRSA). Without ``DB_SECRET_ARN`` (local runs, tests) ``DB_USER`` and
``DB_PASSWORD`` are used instead.
"""

import os
from dataclasses import dataclass
from typing import Mapping


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be positive, got {value}")
    return value


@dataclass(frozen=True)
class Settings:
    service_name: str
    environment: str
    version: str
    db_host: str
    db_port: int
    db_name: str
    db_sslmode: str
    db_connect_timeout: int
    db_secret_arn: str | None = None
    db_user: str | None = None
    db_password: str | None = None
    credentials_ttl_seconds: int = 300

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        secret_arn = env.get("DB_SECRET_ARN") or None
        if secret_arn is not None and not secret_arn.startswith(
            "arn:aws:secretsmanager:"
        ):
            raise ConfigError(
                "DB_SECRET_ARN must be a Secrets Manager secret ARN "
                f"(arn:aws:secretsmanager:...), got {secret_arn!r}"
            )
        if secret_arn is None and not env.get("DB_USER"):
            raise ConfigError(
                "Set DB_SECRET_ARN (in a pod) or DB_USER and DB_PASSWORD (locally)"
            )
        return cls(
            service_name=env.get("SERVICE_NAME", "flask-api"),
            environment=env.get("APP_ENVIRONMENT", "local"),
            version=env.get("APP_VERSION", "dev"),
            db_host=env.get("DB_HOST", "localhost"),
            db_port=_int(env, "DB_PORT", 5432),
            db_name=env.get("DB_NAME", "app"),
            db_sslmode=env.get("DB_SSLMODE", "require"),
            db_connect_timeout=_int(env, "DB_CONNECT_TIMEOUT", 3),
            db_secret_arn=secret_arn,
            db_user=env.get("DB_USER") or None,
            db_password=env.get("DB_PASSWORD") or None,
            credentials_ttl_seconds=_int(env, "DB_CREDENTIALS_TTL", 300),
        )
