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


def test_the_same_quantities_under_other_names_pass():
    """Daily users, a send rate or TPS, the bytes a year and the network out are the same five."""
    rows = [
        {"name": "daily_users", "expr": "50M", "unit": "users"},
        {"name": "send_rate", "expr": "1B / 86400 s"},
        {"name": "peak_tps", "expr": "send_rate * 2"},
        {"name": "bytes_per_year", "expr": "100 GB * 365"},
        {"name": "network_out", "expr": "send_rate * 100 bytes"},
    ]
    T.valid(Case(panels={"estimates": rows}))


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "peak_name", ["busy_hour_rps", "max_qps", "busiest_hour_writes", "burst_rps", "spike_qps"]
)
def test_a_peak_under_another_name_is_the_peak_load(peak_name):
    """The capacity and consistency checks read these as the peak; this one asked for "peak" only."""
    rows = [*FULL[:2], {"name": peak_name, "expr": "write_qps * 2"}, *FULL[3:]]
    T.valid(Case(panels={"estimates": rows}))


def test_a_rate_or_size_under_a_name_no_quantity_claims_counts_for_its_dimension():
    """ "msgs/s" and a "5-year footprint" are the rate and the storage by their values; the names
    listed could not know every way of naming them."""
    rows = [
        {"name": "Users (daily)", "expr": "50M", "unit": "users"},
        {"name": "Messages sent / sec", "expr": "1B / 86400 s"},
        {"name": "Peak", "expr": "3 * 1B / 86400 s", "unit": "1/s"},
        {"name": "5-year footprint", "expr": "1B * 100 bytes * 365 * 5", "unit": "TB"},
        {"name": "Ingress BW", "expr": "1B * 100 bytes / 86400 s", "unit": "MB/s"},
    ]
    T.valid(Case(panels={"estimates": rows}))


def test_a_peak_alone_is_not_also_the_average_rate_and_a_count_needs_its_name():
    rows = [
        {"name": "total_users", "expr": "500M", "unit": "users"},
        {"name": "peak", "expr": "3 * 1B / 86400 s", "unit": "1/s"},
        FULL[3],
        {"name": "bandwidth_in", "expr": "1B * 100 bytes / 86400 s"},
    ]
    T.invalid(
        Case(
            panels={"estimates": rows},
            findings=[
                ("missing", {"quantity": "daily active users"}, None),
                ("missing", {"quantity": "requests per second"}, None),
            ],
            outcome=0.6,
        )
    )


def test_a_rate_under_another_name_is_never_the_peak():
    """A peak is a peak by its name: msgs_per_day, a rate no quantity names, counted as the peak
    load as well as the average."""
    rows = [
        {"name": "dau", "expr": "50M", "unit": "users"},
        {"name": "msgs_per_day", "expr": "dau * 20", "unit": "1/day"},
        {"name": "qps", "expr": "msgs_per_day / 86400 s", "unit": "1/s"},
        FULL[3],
        {"name": "bandwidth_in", "expr": "1B * 100 bytes / 86400 s"},
    ]
    T.invalid(
        Case(panels={"estimates": rows}, findings=[("missing", {"quantity": "peak load"}, None)], outcome=0.8)
    )


def test_by_value_without_a_dimension_is_refused_in_the_rubric():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="by_value needs a dimension"):
        T.check.params.model_validate({"quantities": [{"name": "x", "names": ["x"], "by_value": True}]})
