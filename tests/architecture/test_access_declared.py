"""Authorization is declared at each view, and an app with an undeclared view does not start."""

from __future__ import annotations

import pytest
from flask import Blueprint, Flask

from designer.access import ACTIONS
from designer.web.security import check_declared, needs, public, require_role


def test_every_view_of_the_app_declares_its_access(app):
    undeclared = [
        endpoint
        for endpoint, view in app.view_functions.items()
        if endpoint != "static" and getattr(view, "access", None) is None
    ]
    assert undeclared == []


def test_every_session_route_names_one_action_of_the_policy(app):
    declared = {}
    for rule in app.url_map.iter_rules():
        if "session_id" in rule.arguments:
            access = app.view_functions[rule.endpoint].access
            assert access.kind == "session", rule.endpoint
            declared[rule.endpoint] = access.detail[0]
    assert set(declared.values()) <= set(ACTIONS)
    # spot checks of what the policy table in the README says
    assert declared["workspace.delete_session"] == "delete"
    assert declared["review.judge"] == "review"
    assert declared["report.show_json"] == "grade"
    assert declared["workspace.update_panel"] == "edit"
    assert declared["workspace.show"] == "view"


def _app_with(blueprint: Blueprint) -> Flask:
    app = Flask(__name__)
    app.register_blueprint(blueprint)
    return app


def test_a_route_that_declares_nothing_stops_the_app_from_starting():
    bp = Blueprint("extra", __name__)

    @bp.post("/s/<session_id>/archive")
    def archive(session_id: str):
        return ""

    @bp.get("/about")
    @public
    def about():
        return ""

    with pytest.raises(RuntimeError, match=r"extra\.archive \(/s/<session_id>/archive\) declares no access"):
        check_declared(_app_with(bp))


def test_a_session_route_must_say_what_it_needs_of_the_session():
    bp = Blueprint("extra", __name__)

    @bp.post("/s/<session_id>/archive")
    @require_role("interviewer")
    def archive(session_id: str):
        return ""

    with pytest.raises(RuntimeError, match=r"extra\.archive .* not declared with needs\(\)"):
        check_declared(_app_with(bp))


def test_a_declared_app_starts():
    bp = Blueprint("extra", __name__)

    @bp.post("/s/<session_id>/archive")
    @needs("edit")
    def archive(session_id: str):
        return ""

    check_declared(_app_with(bp))  # no error


def test_an_unknown_action_is_refused_where_it_is_written():
    with pytest.raises(ValueError, match="unknown action 'archive'"):
        needs("archive")


def test_a_rubric_route_must_say_what_it_needs_of_the_rubric():
    bp = Blueprint("extra", __name__)

    @bp.post("/rubrics/<rubric_id>/archive")
    @require_role("instructor")
    def archive(rubric_id: str):
        return ""

    with pytest.raises(RuntimeError, match=r"extra\.archive .* not declared with needs_rubric\(\)"):
        check_declared(_app_with(bp))


def test_every_rubric_route_reads_or_edits_its_rubric(app):
    declared = {
        rule.endpoint: app.view_functions[rule.endpoint].access
        for rule in app.url_map.iter_rules()
        if "rubric_id" in rule.arguments
    }
    assert {a.kind for a in declared.values()} == {"rubric"}
    assert declared["rubrics.save"].detail == ("edit",)
    assert declared["rubrics.edit"].detail == ("read",)  # the editor opens read-only on what one may not edit
