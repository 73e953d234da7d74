import pytest

from app.config import ConfigError, Settings

SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf"


def test_reads_the_pod_environment() -> None:
    settings = Settings.from_env(
        {
            "SERVICE_NAME": "orders-api",
            "APP_ENVIRONMENT": "prod",
            "DB_SECRET_ARN": SECRET_ARN,
            "DB_HOST": "db.internal",
            "DB_PORT": "5433",
            "DB_NAME": "orders",
        }
    )
    assert settings.service_name == "orders-api"
    assert settings.db_secret_arn == SECRET_ARN
    assert settings.db_port == 5433
    assert settings.db_sslmode == "require"


def test_local_credentials_instead_of_a_secret() -> None:
    settings = Settings.from_env({"DB_USER": "app", "DB_PASSWORD": "local"})
    assert settings.db_secret_arn is None
    assert (settings.db_user, settings.db_password) == ("app", "local")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "DB_SECRET_ARN"),
        ({"DB_SECRET_ARN": "not-an-arn"}, "DB_SECRET_ARN"),
        ({"DB_USER": "app", "DB_PORT": "x"}, "DB_PORT"),
        ({"DB_USER": "app", "DB_PORT": "-1"}, "DB_PORT"),
    ],
)
def test_bad_settings_name_the_variable(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)
