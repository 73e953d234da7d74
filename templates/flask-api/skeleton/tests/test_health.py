from flask.testing import FlaskClient

from app.db import DatabaseUnavailable
from tests.conftest import FakeDatabase


def test_liveness_does_not_touch_the_database(
    client: FlaskClient, database: FakeDatabase
) -> None:
    for path in ("/healthz", "/healthz/live"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.get_json() == {"status": "ok"}
    assert database.pings == 0


def test_ready_when_the_database_answers(
    client: FlaskClient, database: FakeDatabase
) -> None:
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert database.pings == 1


def test_not_ready_when_the_database_is_down(
    client: FlaskClient, database: FakeDatabase
) -> None:
    database.error = DatabaseUnavailable("connection refused")
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "reason": "database"}
