"""Flask API service of the Innovate platform: the application factory."""

from flask import Flask

from app.api import api
from app.config import Settings
from app.db import Database, DatabaseProbe
from app.health import health


def create_app(
    settings: Settings | None = None, database: DatabaseProbe | None = None
) -> Flask:
    """Build the application.

    Tests pass their own settings and database; in a pod both come from the
    environment (see ``Settings.from_env``).
    """
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.extensions["settings"] = settings
    app.extensions["database"] = database or Database(settings)
    app.register_blueprint(health)
    app.register_blueprint(api, url_prefix="/api/v1")
    return app
