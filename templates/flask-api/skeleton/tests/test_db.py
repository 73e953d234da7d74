import json
from dataclasses import replace
from typing import Any, Mapping

import psycopg
import pytest

from app.config import Settings
from app.db import Database, DatabaseUnavailable, region_of


class FakeSecrets:
    def __init__(self, *secrets: Mapping[str, Any]) -> None:
        self.secrets = list(secrets)
        self.calls: list[str] = []

    def get_secret_value(self, *, SecretId: str) -> Mapping[str, Any]:
        self.calls.append(SecretId)
        return {"SecretString": json.dumps(self.secrets[len(self.calls) - 1])}


class FakeConnection:
    def __init__(self, log: list[str]) -> None:
        self.log = log

    def __enter__(self) -> "FakeConnection":
        return self

    def __exit__(self, *exc: object) -> None:
        self.log.append("closed")

    def execute(self, query: str) -> None:
        self.log.append(query)


class FakeConnect:
    """Stands in for psycopg.connect; refuses the passwords in ``refuse``."""

    def __init__(self, refuse: set[str] | None = None) -> None:
        self.refuse = refuse or set()
        self.kwargs: list[dict[str, Any]] = []
        self.log: list[str] = []

    def __call__(self, **kwargs: Any) -> FakeConnection:
        self.kwargs.append(kwargs)
        if kwargs["password"] in self.refuse:
            raise psycopg.OperationalError("password authentication failed")
        return FakeConnection(self.log)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_reads_the_secret_and_connects_with_tls(settings: Settings) -> None:
    secrets = FakeSecrets({"username": "app", "password": "s3cret"})
    connect = FakeConnect()
    Database(settings, connect=connect, secrets_client=secrets).ping()
    assert secrets.calls == [settings.db_secret_arn]
    assert connect.kwargs[0] == {
        "host": "db.internal",
        "port": 5432,
        "dbname": "app",
        "user": "app",
        "password": "s3cret",
        "sslmode": "require",
        "connect_timeout": 3,
        "application_name": "test-api",
    }
    assert connect.log == ["SELECT 1", "closed"]


def test_secret_host_port_and_dbname_win(settings: Settings) -> None:
    secret = {
        "username": "app",
        "password": "p",
        "host": "other.internal",
        "port": 6432,
        "dbname": "orders",
    }
    database = Database(settings, secrets_client=FakeSecrets(secret))
    credentials = database.credentials()
    assert (credentials.host, credentials.port, credentials.dbname) == (
        "other.internal",
        6432,
        "orders",
    )


def test_caches_credentials_until_they_expire(settings: Settings) -> None:
    secret = {"username": "app", "password": "p"}
    secrets = FakeSecrets(secret, secret)
    clock = Clock()
    database = Database(settings, secrets_client=secrets, clock=clock)
    database.credentials()
    database.credentials()
    assert len(secrets.calls) == 1
    clock.now += settings.credentials_ttl_seconds
    database.credentials()
    assert len(secrets.calls) == 2


def test_refetches_the_secret_after_a_rotation(settings: Settings) -> None:
    secrets = FakeSecrets(
        {"username": "app", "password": "old"}, {"username": "app", "password": "new"}
    )
    connect = FakeConnect(refuse={"old"})
    Database(settings, connect=connect, secrets_client=secrets).ping()
    assert [kwargs["password"] for kwargs in connect.kwargs] == ["old", "new"]


def test_unreachable_database_is_unavailable(settings: Settings) -> None:
    secrets = FakeSecrets(
        {"username": "app", "password": "p"}, {"username": "app", "password": "p"}
    )
    database = Database(
        settings, connect=FakeConnect(refuse={"p"}), secrets_client=secrets
    )
    with pytest.raises(DatabaseUnavailable, match="password authentication failed"):
        database.ping()


@pytest.mark.parametrize(
    ("secret_string", "message"),
    [
        ("not json", "not JSON"),
        ("[]", "not a JSON object"),
        (json.dumps({"username": "app"}), "lacks password"),
    ],
)
def test_malformed_secret_is_unavailable(
    settings: Settings, secret_string: str, message: str
) -> None:
    class RawSecrets:
        def get_secret_value(self, *, SecretId: str) -> Mapping[str, Any]:
            return {"SecretString": secret_string}

    with pytest.raises(DatabaseUnavailable, match=message):
        Database(settings, secrets_client=RawSecrets()).credentials()


def test_secrets_manager_errors_are_unavailable(settings: Settings) -> None:
    class FailingSecrets:
        def get_secret_value(self, *, SecretId: str) -> Mapping[str, Any]:
            raise PermissionError("AccessDenied")

    with pytest.raises(DatabaseUnavailable, match="PermissionError"):
        Database(settings, secrets_client=FailingSecrets()).credentials()


def test_local_credentials_skip_secrets_manager(settings: Settings) -> None:
    local = replace(settings, db_secret_arn=None, db_user="dev", db_password="dev")
    connect = FakeConnect()
    Database(local, connect=connect).ping()
    assert connect.kwargs[0]["user"] == "dev"


def test_region_of_a_secret_arn() -> None:
    assert region_of("arn:aws:secretsmanager:eu-west-1:1:secret:x") == "eu-west-1"
    with pytest.raises(ValueError):
        region_of("nope")
