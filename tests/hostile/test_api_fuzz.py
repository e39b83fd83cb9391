"""The JSON API fuzzed from its own OpenAPI document (schemathesis, on hypothesis): whatever a client
sends, valid or not, the answer is never a 5xx, and its status is one the document lists."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

from tests.conftest import start_session

EXAMPLES = 20  # per operation and mode; benchmarks/fuzz.py runs ten thousand against a real server


@pytest.fixture
def api_schema(app):
    """The document the app serves, bound to the app, with a real session for every path's id."""
    session_id, _ = start_session(app.test_client())
    loaded = schemathesis.openapi.from_wsgi("/api/openapi.json", app)

    @loaded.hook
    def map_path_parameters(ctx, path_parameters):
        if path_parameters and "session_id" in path_parameters:
            path_parameters["session_id"] = session_id
        return path_parameters

    return loaded


def _operations(schema):
    for result in schema.get_all_operations():
        yield result.ok()


def test_the_document_is_served_and_names_every_api_route(app, api_schema):
    documented = {(op.method.upper(), op.path) for op in _operations(api_schema)}
    routes = {
        (method, rule.rule.replace("<int:", "{").replace("<", "{").replace(">", "}"))
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and rule.rule != "/api/openapi.json"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == documented


def _fuzz(operation, mode, seen: dict[int, int]) -> None:
    """Send ``EXAMPLES`` generated requests to one operation; none may answer 5xx or off the document."""
    documented = set(operation.definition.raw.get("responses", {}))

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        response = case.call()
        seen[response.status_code] = seen.get(response.status_code, 0) + 1
        assert response.status_code < 500, (case.method, case.formatted_path, response.text[:300])
        assert str(response.status_code) in documented, (
            case.method,
            case.formatted_path,
            response.status_code,
        )

    check()


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_the_api_never_answers_5xx_and_keeps_to_its_document(api_schema, mode):
    seen: dict[int, int] = {}
    generation = (
        schemathesis.GenerationMode.POSITIVE if mode == "positive" else schemathesis.GenerationMode.NEGATIVE
    )
    for operation in _operations(api_schema):
        try:
            _fuzz(operation, generation, seen)
        except Unsatisfiable:  # nothing to make invalid: GET /api/ping takes no input
            assert mode == "negative"
    assert sum(seen.values()) > 100
    assert any(200 <= status < 300 for status in seen) or mode == "negative"
