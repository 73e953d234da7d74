from flask.testing import FlaskClient


def test_info_names_service_version_and_environment(client: FlaskClient) -> None:
    response = client.get("/api/v1/info")
    assert response.status_code == 200
    assert response.get_json() == {
        "service": "test-api",
        "version": "1.2.3",
        "environment": "test",
    }


def test_unknown_route_is_404(client: FlaskClient) -> None:
    assert client.get("/api/v1/nope").status_code == 404
