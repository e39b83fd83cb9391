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


DAU = {
    "names": ["dau"],
    "reference": 50_000_000,
    "min": 10_000_000,
    "max": 1_000_000_000,
    "what": "daily users",
}
SCALED = {**P, "assume": [DAU]}


def chat(dau, per_user="20", divide="86400 s"):
    return {
        "estimates": [
            {"name": "dau", "expr": dau},
            {"name": "msgs_per_day", "expr": f"dau * {per_user}", "unit": "1/day"},
            {"name": "write_qps", "expr": f"msgs_per_day / {divide}", "unit": "1/s"},
        ]
    }


def test_a_larger_reasonable_assumption_scales_the_range_and_loses_nothing():
    # 500M daily users × 40 messages = 231K/s: right for its assumptions, 4.6× the range written for 50M.
    T.valid(Case(panels=chat("500M", "40"), params=SCALED))
    T.valid(Case(panels=chat("50M"), params=SCALED))
    # Without the assumption declared, the range stands as written and the figure is out of it.
    T.invalid(Case(panels=chat("500M", "40"), params=P, findings=[("high", None, None)]))


def test_a_slip_in_a_derived_row_is_still_caught_for_the_candidate_s_own_assumptions():
    T.invalid(
        Case(
            panels=chat("500M", "40", divide="8640 s"),
            params=SCALED,
            findings=[("high", {"row": "write_qps", "basis": " (the range for your dau = 500M)"}, None)],
        )
    )


def test_an_assumption_outside_what_answers_assume_is_named_not_the_formula():
    T.invalid(
        Case(
            panels=chat("5B"),
            params=SCALED,
            findings=[
                (
                    "assumption_high",
                    {"row": "dau", "value": "5B", "low": "10M", "high": "1B"},
                    (("panel", "estimates[0]"), ("panel", "estimates[2]")),
                )
            ],
        )
    )


def test_a_figure_that_does_not_rest_on_the_assumption_is_judged_as_written():
    T.valid(Case(panels={"estimates": [{"name": "write_qps", "expr": "12K/s"}]}, params=SCALED))


def test_an_assumption_whose_reference_is_outside_its_own_range_is_refused():
    with pytest.raises(ValidationError, match="reference"):
        T.check.params.model_validate({**P, "assume": [{**DAU, "reference": 5}]})


def test_names_are_tried_in_the_order_written_not_the_order_of_the_rows():
    # A rate limiter's answer lists the average before the peak; the rubric asks for the peak first.
    params = {"names": ["peak_qps", "requests_per_second"], "unit": "1/s", "min": 80_000, "max": 5_000_000}
    panels = {
        "estimates": [
            {"name": "requests_per_second", "expr": "50K", "unit": "1/s"},
            {"name": "peak_qps", "expr": "requests_per_second * 2", "unit": "1/s"},
        ]
    }
    T.valid(
        Case(
            panels=panels,
            params=params,
            findings=[("within", {"row": "peak_qps"}, (("panel", "estimates[1]"),))],
        )
    )
    # Without a peak row, the next name is judged.
    only_average = {"estimates": panels["estimates"][:1]}
    T.invalid(
        Case(
            panels=only_average,
            params=params,
            findings=[("low", {"row": "requests_per_second"}, (("panel", "estimates[0]"),))],
        )
    )


@pytest.mark.parametrize(
    "unit",
    ["1/s", "1/month", "TB", "GB/day", "bytes per second", "Mbps", "1 million/day", "KB * 1/s"],
)
def test_a_unit_read_without_pint_is_one_the_estimates_read(unit):
    from designer.estimates import evaluate_expr, is_plain_unit

    expression = unit if unit[:1].isdigit() else f"1 {unit}"
    assert is_plain_unit(expression)
    assert evaluate_expr(expression).magnitude > 0
    T.check.params.model_validate({**P, "unit": unit})


@pytest.mark.parametrize(
    ("unit", "message"),
    [
        ("s + GB", "can't add or subtract"),
        ("1/0", "division by zero"),
        ("GB ** s", "exponent must be a plain number"),
        ("furlongs/s", "unknown name 'furlongs'"),
        ("__import__('os')", "can't read"),
        ("GB/", "not a complete expression"),
    ],
)
def test_a_unit_the_fast_check_is_unsure_of_is_judged_by_the_evaluator(unit, message):
    from designer.estimates import is_plain_unit

    assert not is_plain_unit(unit if unit.startswith("1/") else f"1 {unit}")
    with pytest.raises(ValidationError, match=message):
        T.check.params.model_validate({**P, "unit": unit})


def test_a_session_with_no_estimates_is_graded_without_loading_pint():
    """pint is a fifth of the CLI's start-up: validating the shipped rubrics and grading a board with
    no estimate rows must not pay for it (with a row, it is loaded, and the row is judged)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from designer.grading import grade\n"
        "from designer.rubric import list_rubrics, load_rubric\n"
        "rubrics = [load_rubric(r) for r in list_rubrics()]\n"
        "session = {'format': 'designer.session/1', 'problem': {'id': 'url-shortener'},\n"
        "           'board': {'nodes': [{'data': {'id': 'c', 'kind': 'client', 'label': 'Browser'}}],\n"
        "                     'edges': []}, 'panels': {}}\n"
        "grade(session, load_rubric('url-shortener'))\n"
        "print(len(rubrics), 'pint' in sys.modules)\n"
        "session['panels'] = {'estimates': [{'name': 'redirects_per_second', 'expr': '1B / 86400 s'}]}\n"
        "report = grade(session, load_rubric('url-shortener'))\n"
        "print('pint' in sys.modules, '11.6K /s' in str(report))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    without_rows, with_a_row = out.stdout.splitlines()
    rubrics, loaded = without_rows.split()
    assert int(rubrics) >= 5 and loaded == "False"
    assert with_a_row == "True True"


@pytest.mark.parametrize("unit", ["1/day", "", "msgs"])
def test_a_per_day_assumption_written_as_a_plain_count_is_read_per_day(unit):
    """ "msgs_per_user = 100" beside an assumption of messages a user a day is 100 a day, as the
    estimates read an implicit "per day"; the range scales 5× for it."""
    params = {
        **P,
        "assume": [{"names": ["msgs_per_user"], "unit": "1/day", "reference": 20, "min": 5, "max": 200}],
    }
    estimates = [
        {"name": "msgs_per_user", "expr": "100", "unit": unit},
        {"name": "write_qps", "expr": "50M * msgs_per_user / 86400 s", "unit": "1/s"},
    ]
    findings, _, _ = T.outcome(Case(panels={"estimates": estimates}, params=params))
    assert [(f.message, f.data["high"]) for f in findings] == [("within", "250K /s")]
