"""The registry's rules: sorted ids, module paths as ids, documented checks, messages, tests."""

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from designer.checks.registry import CHECKS, all_checks, get_check

ROOT = Path(__file__).resolve().parent.parent.parent
HEADINGS = ("What it checks", "Why it matters", "Example", "Params", "Known limits")


def test_registry_is_sorted_and_ids_are_module_paths():
    assert list(CHECKS) == sorted(CHECKS)
    for check_id, module in CHECKS.items():
        assert module == f"designer.checks.{check_id}"


def test_every_check_module_is_registered():
    modules = {
        f"{p.parent.name}.{p.stem}"
        for p in (ROOT / "designer" / "checks").glob("*/*.py")
        if not p.name.startswith("_")
    }
    assert modules == set(CHECKS)


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_check_is_documented_and_tested(check_id):
    check = get_check(check_id)
    assert check.summary and check.summary[0].isupper() and not check.summary.endswith(".")
    for heading in HEADINGS:
        assert re.search(rf"^{heading}$", check.doc, re.M), (
            f"{check_id} lacks the docstring section {heading!r}"
        )
    area, name = check_id.split(".")
    assert (ROOT / "tests" / "checks" / area / f"test_{name}.py").is_file(), f"{check_id} has no test file"
    assert check.points >= 1
    # The title a person reads is a plain statement of what a passing answer has, not a rule.
    assert check.statement and check.statement[0].isupper() and not check.statement.endswith(".")
    assert check.statement.split()[0] not in {"Require", "Disallow", "Requires", "Disallows"}, check.statement


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_every_message_a_check_uses_is_declared(check_id):
    check = get_check(check_id)
    source = inspect.getsource(importlib.import_module(CHECKS[check_id]))
    used = set()
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"Finding", "NotAssessable"}
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            used.add(node.args[0].value)
    if "counting_check(" in source:
        used |= {"enough", "too_few"}
    assert used, f"{check_id} yields no findings"
    assert used <= set(check.messages), f"{check_id} uses undeclared messages {used - set(check.messages)}"
    for template in check.messages.values():
        assert template.endswith((".", "?")), template


def test_all_checks_run_on_an_empty_session_without_raising():
    from designer.checks.base import SessionView

    for check in all_checks():
        params = check.params.model_validate(_minimal_params(check.id))
        list(check.run(SessionView({}), params))


def test_a_board_with_no_client_has_no_cuts_and_no_single_points_of_failure():
    """Structurizr's deployment views draw no user: the shared view's dominator walk raised
    NetworkXError for such a board (the checks that read it happened to ask for clients first)."""
    from designer.checks.base import SessionView
    from tests.checks.tester import board

    view = SessionView({"board": board("lb:load_balancer -> api:service -> db:sql_database")})
    assert view.cuts == {} and view.single_points_of_failure == {}
    for check in all_checks():  # and every check reads such a board without raising
        list(check.run(view, check.params.model_validate(_minimal_params(check.id))))


def _minimal_params(check_id):
    return {
        "graph.component_present": {"kinds": ["cache"]},
        "graph.path_exists": {"from_kind": "client", "to_kind": "sql_database"},
        "requirements.mentions_concepts": {"concepts": [{"name": "x"}]},
        "estimates.value_in_range": {"names": ["qps"], "unit": "1/s", "min": 1, "max": 2},
        "api.endpoints_present": {"operations": [{"name": "x", "keywords": ["x"]}]},
    }.get(check_id, {})


class _WatchedHistory(list):
    """A history that notes whether a check looked at it."""

    read = False

    def __len__(self):
        type(self).read = True
        return super().__len__()

    def __iter__(self):
        type(self).read = True
        return super().__iter__()

    def __getitem__(self, index):
        type(self).read = True
        return super().__getitem__(index)


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_a_check_reads_the_history_only_if_it_says_so(check_id, chat_session_file):
    """``reads_history`` lets a grade for one step leave the history unread; a check that read it
    without saying so would be graded wrongly there."""
    from designer.checks.base import SessionView

    check = get_check(check_id)
    params = check.params.model_validate(_minimal_params(check_id))
    view = SessionView({**chat_session_file, "history": _WatchedHistory(chat_session_file["history"])})
    _WatchedHistory.read = False  # making the view looked, to keep it
    list(check.run(view, params))
    assert _WatchedHistory.read == check.reads_history
