"""The service's API (version 1)."""

from flask import Blueprint, current_app

from app.config import Settings

api = Blueprint("api", __name__)


@api.get("/info")
def info() -> dict[str, str]:
    """Which service, build and environment answered."""
    settings: Settings = current_app.extensions["settings"]
    return {
        "service": settings.service_name,
        "version": settings.version,
        "environment": settings.environment,
    }
