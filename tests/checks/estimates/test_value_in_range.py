import pytest
from pydantic import ValidationError

from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.value_in_range")
P = {"names": ["write_qps"], "unit": "1/s", "min": 5000, "max": 50000}


def rows(expr):
    return {"estimates": [{"name": "msgs", "expr": "1B"}, {"name": "write_qps", "expr": expr}]}


def test_value_in_range_passes():
    T.valid(Case(panels=rows("msgs / 86400 s"), params=P))


def test_a_10x_error_fails_pointing_at_the_row():
    T.invalid(
        Case(
            panels=rows("msgs / 8640 s"),
            params=P,
            findings=[("high", {"row": "write_qps", "value": "116K /s"}, (("panel", "estimates[1]"),))],
        )
    )


def test_missing_row_is_not_assessable():
    T.invalid(Case(panels={"estimates": [{"name": "x", "expr": "1"}]}, params=P, outcome="not_assessable"))


def test_bad_params_are_refused():
    with pytest.raises(ValidationError, match="min"):
        T.check.params.model_validate({**P, "min": 10, "max": 1})
    with pytest.raises(ValidationError, match="furlongs"):
        T.check.params.model_validate({**P, "unit": "furlongs"})
