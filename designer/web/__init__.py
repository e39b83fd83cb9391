"""The web layer: the only Flask code. Each feature is a blueprint named ``bp``.

The modules depend one way: ``services`` (the domain's services, made once) ← ``http`` and
``security`` (who may do what) ← ``judging`` (grades as the web shows them) ← the blueprints ← this
module, which wires them together.
"""

from __future__ import annotations

__all__ = ["init_app"]

from flask import Flask

from designer.web import admin, api, auth, home, interviews, jobs, ops, report, review, rubrics, workspace
from designer.web.http import init_error_handlers, init_input_checks
from designer.web.security import check_declared, csrf, init_security
from designer.web.services import init_services
from designer.web.templating import init_templating


def init_app(app: Flask) -> None:
    """Connect the database, make the services, set up security and register every blueprint."""
    init_services(app)
    init_templating(app)
    init_input_checks(app)  # before the guard, which reads the path's session id
    init_security(app)
    init_error_handlers(app)
    ops.init_ops(app)
    # The API takes JSON-only writes instead of the CSRF token: see designer.web.api._json_only_writes
    csrf.exempt(api.bp)
    auth.init_auth(app)
    for blueprint in (admin, interviews, review, rubrics, jobs, home, workspace, api, report, ops):
        app.register_blueprint(blueprint.bp)
    check_declared(app)
