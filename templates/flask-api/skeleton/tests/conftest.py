"""Fixtures: the app with settings and a database double (no DB, no AWS)."""

from typing import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app import create_app
from app.config import Settings
from app.db import DatabaseUnavailable


class FakeDatabase:
    def __init__(self) -> None:
        self.error: DatabaseUnavailable | None = None
        self.pings = 0

    def ping(self) -> None:
        self.pings += 1
        if self.error is not None:
            raise self.error


@pytest.fixture
def settings() -> Settings:
    return Settings(
        service_name="test-api",
        environment="test",
        version="1.2.3",
        db_host="db.internal",
        db_port=5432,
        db_name="app",
        db_sslmode="require",
        db_connect_timeout=3,
        db_secret_arn="arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
    )


@pytest.fixture
def database() -> FakeDatabase:
    return FakeDatabase()


@pytest.fixture
def app(settings: Settings, database: FakeDatabase) -> Iterator[Flask]:
    yield create_app(settings, database)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
