from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.quantities_present")
FULL = [
    {"name": "dau", "expr": "50M", "unit": "users"},
    {"name": "write_qps", "expr": "1B / 86400 s"},
    {"name": "peak_qps", "expr": "write_qps * 2"},
    {"name": "storage_5y", "expr": "100 GB * 365 * 5"},
    {"name": "bandwidth_in", "expr": "write_qps * 100 bytes"},
]


def test_all_quantities_pass():
    T.valid(Case(panels={"estimates": FULL}))


def test_a_row_of_the_wrong_dimension_does_not_count():
    rows = [*FULL[:3], {"name": "storage", "expr": "5"}, FULL[4]]
    T.invalid(
        Case(panels={"estimates": rows}, findings=[("missing", {"quantity": "storage"}, None)], outcome=0.8)
    )
