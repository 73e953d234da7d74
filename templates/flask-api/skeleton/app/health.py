"""Health endpoints for Kubernetes probes and the load balancer."""

import logging

from flask import Blueprint, current_app

from app.db import DatabaseProbe, DatabaseUnavailable

logger = logging.getLogger(__name__)

health = Blueprint("health", __name__)


@health.get("/healthz")
@health.get("/healthz/live")
def live() -> tuple[dict[str, str], int]:
    """Liveness (and the ALB target group's check): the process serves."""
    return {"status": "ok"}, 200


@health.get("/healthz/ready")
def ready() -> tuple[dict[str, str], int]:
    """Readiness: the database answers, so requests can be served."""
    database: DatabaseProbe = current_app.extensions["database"]
    try:
        database.ping()
    except DatabaseUnavailable as error:
        logger.warning("not ready: %s", error)
        return {"status": "unavailable", "reason": "database"}, 503
    return {"status": "ok"}, 200
