"""The estimate evaluator: the seed's chat-app numbers, interview rounding, units, hostile input."""

import pytest

from designer.estimates import EstimateError, evaluate_expr, evaluate_rows

CHAT_APP = [
    {"name": "users", "expr": "500M", "unit": "users"},
    {"name": "dau", "expr": "users * 10%", "unit": "users"},
    {"name": "msgs_per_day", "expr": "dau * 20", "unit": "1/day"},
    {"name": "write_qps", "expr": "msgs_per_day / 86400 s", "unit": "1/s"},
    {"name": "peak_qps", "expr": "write_qps * 2", "unit": "1/s"},
    {"name": "storage_per_day", "expr": "msgs_per_day * 100 bytes", "unit": "GB/day"},
    {"name": "storage_5y", "expr": "storage_per_day * 365 * 5", "unit": "TB"},
    {"name": "bandwidth_in", "expr": "write_qps * 100 bytes", "unit": "MB/s"},
    {"name": "bandwidth_out", "expr": "bandwidth_in * 2", "unit": "MB/s"},
]


def by_name(rows):
    return {r.name: r for r in evaluate_rows(rows)}


def test_chat_app_numbers_come_out_as_the_seed_says():
    rows = by_name(CHAT_APP)
    assert all(r.error is None for r in rows.values()), {n: r.error for n, r in rows.items()}
    assert rows["dau"].display == "50M"
    assert rows["msgs_per_day"].display == "1B /day"
    assert rows["write_qps"].display == "11.6K /s"
    assert rows["write_qps"].magnitude_in("1/s") == pytest.approx(11574, rel=1e-3)
    assert rows["peak_qps"].magnitude_in("1/s") == pytest.approx(23148, rel=1e-3)
    assert rows["storage_per_day"].display == "100 GB /day"
    assert rows["storage_5y"].display == "182 TB"
    assert rows["storage_5y"].magnitude_in("byte") == pytest.approx(182.5e12)
    assert rows["bandwidth_in"].display == "1.16 MB /s"
    assert rows["bandwidth_out"].display == "2.31 MB /s"


@pytest.mark.parametrize(
    "expr, unit, expected",
    [
        ("50M × 20", "", 1e9),
        ("50M x 20", "", 1e9),
        ("1,000,000 * 3", "", 3e6),
        ("10^5", "", 1e5),
        ("2 ** 10", "", 1024),
        ("1B ÷ 10^5", "", 1e4),
        ("(3 + 4) * 2", "", 14),
        ("-5 + 10", "", 5),
        ("5 million", "", 5e6),
        ("12k", "", 12e3),
        ("1.5T", "", 1.5e12),
        ("1,2e4", "", 1.2e4),  # a decimal comma before an exponent: was read as 12e4
        ("2,5E-3 * 1000", "", 2.5),
    ],
)
def test_expressions_written_as_candidates_write_them(expr, unit, expected):
    assert float(evaluate_expr(expr).to("").magnitude) == pytest.approx(expected)


def test_interview_rounding_of_a_day_is_accepted_as_close():
    rows = by_name(
        [
            {"name": "per_day", "expr": "1B", "unit": "1/day"},
            {"name": "qps", "expr": "per_day / 10^5 s", "unit": "1/s", "stated": "12K/s"},
        ]
    )
    assert rows["qps"].display == "10K /s"
    assert rows["qps"].agreement == "match"  # 12K vs 10K: the 86,400 ≈ 10^5 rounding
    assert rows["qps"].warning is None


def test_a_figure_off_by_2x_is_close_and_by_5x_is_off():
    base = [{"name": "q", "expr": "1B / 86400 s", "unit": "1/s"}]
    assert by_name([{**base[0], "stated": "25K/s"}])["q"].agreement == "close"
    off = by_name([{**base[0], "stated": "60K/s"}])["q"]
    assert off.agreement == "off"
    assert "off by 5×" in off.warning


def test_a_10x_error_in_a_stated_figure_is_caught():
    rows = by_name(CHAT_APP[:3] + [{**CHAT_APP[3], "stated": "120K/s"}])
    assert rows["write_qps"].agreement == "wrong"
    assert "off by 10×" in rows["write_qps"].warning


def test_a_stated_figure_within_rounding_matches():
    rows = by_name(CHAT_APP[:3] + [{**CHAT_APP[3], "stated": "12K"}])
    assert rows["write_qps"].agreement == "match"


def test_unit_mismatch_is_reported_on_its_row_and_later_rows_still_evaluate():
    rows = by_name(
        [
            {"name": "storage", "expr": "100 GB", "unit": "1/s"},
            {"name": "double", "expr": "storage * 2", "unit": "GB"},
        ]
    )
    assert "unit mismatch" in rows["storage"].error
    assert "bytes" in rows["storage"].error
    assert rows["double"].error is None
    assert rows["double"].display == "200 GB"


def test_adding_bytes_and_seconds_is_an_error_on_that_row():
    rows = by_name([{"name": "bad", "expr": "100 bytes + 3 s", "unit": ""}])
    assert rows["bad"].error == "can't add or subtract bytes and time"


def test_unknown_name_suggests_the_nearest_row():
    rows = by_name([{"name": "dau", "expr": "50M", "unit": ""}, {"name": "q", "expr": "daus * 2"}])
    assert rows["q"].error == "unknown name 'daus'; did you mean 'dau'?"


def test_a_row_using_a_broken_row_says_so():
    rows = by_name([{"name": "a", "expr": "nonsense_name"}, {"name": "b", "expr": "a * 2"}])
    assert rows["b"].error == "'a' has no value: its own row has an error"


@pytest.mark.parametrize(
    "hostile, message",
    [
        ("__import__('os').system('ls')", "can't read"),
        ("__import__", "unknown name '__import__'"),
        ("9**9**9", "too large"),
        ("10^400", "too large"),
        ("1e308 * 1e308", "too large"),
        ("(" * 300 + "1" + ")" * 300, ""),
        ("open", "unknown name"),
        ("a.b", "can't read"),
        ("1 / 0", "division by zero"),
        ("x" * 600, "at most 500"),
        ("lambda: 1", "can't read"),
        ("[1, 2]", "can't read"),
    ],
)
def test_hostile_expressions_are_refused_with_a_message(hostile, message):
    with pytest.raises(EstimateError) as info:
        evaluate_expr(hostile)
    assert message in str(info.value)


def test_empty_rows_are_skipped_and_unnamed_rows_still_evaluate():
    rows = evaluate_rows([{"name": "", "expr": ""}, {"name": "", "expr": "2 * 3"}])
    assert rows[0].error is None and rows[0].value is None
    assert rows[1].display == "6"


def test_bits_are_shown_when_the_unit_says_bits():
    rows = by_name([{"name": "bw", "expr": "1 MB / s", "unit": "Mbps"}])
    assert rows["bw"].display == "8 Mb /s"


def test_a_rate_row_times_a_duration_is_read_as_the_rate_its_unit_says():
    """``storage * 5 years`` where storage is "GB/day": the row's own expression gives bytes (the
    interview's implicit per day is in its unit), and the later row reads it as the rate its unit
    says, as a person would, rather than calling the bytes × years a unit mismatch. Counting the
    days by hand (``storage * 365 * 5``) still reads it as bytes a day."""
    rows = by_name(
        [
            *CHAT_APP,
            {"name": "five_years", "expr": "storage_per_day * 5 years", "unit": "PB", "stated": "0.18 PB"},
            {"name": "in_days", "expr": "storage_per_day * 1825 days", "unit": "TB", "stated": "182 TB"},
            {"name": "a_month", "expr": "msgs_per_day * 30 days", "unit": "messages", "stated": "30B"},
        ]
    )
    for name in ("five_years", "in_days", "a_month"):
        assert rows[name].error is None, rows[name].error
        assert rows[name].agreement == "match", name
        assert rows[name].notes == [
            f"{'msgs_per_day' if name == 'a_month' else 'storage_per_day'} read as a rate per day, as its unit says"
        ]
    assert rows["five_years"].magnitude_in("byte") == pytest.approx(182.5e12, rel=1e-3)
    assert rows["storage_5y"].notes == [] and rows["storage_5y"].magnitude_in("byte") == pytest.approx(
        182.5e12, rel=1e-3
    )


def test_a_duration_that_fits_neither_reading_is_still_a_mismatch():
    rows = by_name([*CHAT_APP, {"name": "odd", "expr": "storage_per_day * 5 years * 2 s", "unit": "PB"}])
    assert rows["odd"].error.startswith("unit mismatch")
    assert rows["odd"].notes == []


# Numbers and counts as other people write them. "1 000 000" used to be 1 × 000 × 000 = 0, silently;
# the others were refused although they say exactly what they mean.
@pytest.mark.parametrize(
    "expr, unit, expected",
    [
        ("1 000 000 * 3", "", 3e6),
        ("1\u202f000\u202f000", "", 1e6),
        ("86\u00a0400", "", 86400),
        ("1,00,000 * 2", "", 2e5),
        ("1_000_000", "", 1e6),
        ("1,5 * 2", "", 3),
        ("10⁶", "", 1e6),
        ("5×10⁶", "", 5e6),
        ("2²⁰", "", 2**20),
        ("10⁻³ * 1000", "", 1),
        ("50 M × 20", "", 1e9),
        ("1.5 K", "", 1500),
        ("1.2 bn", "", 1.2e9),
        ("50 mn", "", 5e7),
        ("50M users * 20 msgs", "", 1e9),
        ("500M DAU * 10%", "", 5e7),
        ("10k req/s", "1/s", 1e4),
        ("20 msgs/user/day * 86400 s", "", 20),
        ("100 msgs * 1KB", "byte", 1e5),
        ("300 photos per user", "", 300),
    ],
)
def test_numbers_and_counts_written_in_other_conventions(expr, unit, expected):
    assert float(evaluate_expr(expr).to(unit).magnitude) == pytest.approx(expected)


def test_a_count_word_on_its_own_is_still_an_unknown_name():
    # After a number, "users" says what is counted; standing alone it would be a row, and a row's
    # name mistyped must not silently count as 1.
    with pytest.raises(EstimateError, match="unknown name 'users'"):
        evaluate_expr("users * 20")


def test_a_row_named_like_a_count_word_is_still_the_row():
    rows = by_name([{"name": "users", "expr": "10"}, {"name": "q", "expr": "2 users"}])
    assert rows["q"].value.magnitude == pytest.approx(20)


@pytest.mark.parametrize("expr", ["1000 000", "2 3", "1  000 000", "5 10K"])
def test_two_numbers_side_by_side_are_refused_not_multiplied(expr):
    # "1000 000" (a group of four, or two spaces) used to be 1000 × 0 = 0, shown as a value
    with pytest.raises(EstimateError, match="two numbers side by side"):
        evaluate_expr(expr)


@pytest.mark.parametrize(
    "expr, in_unit, expected",
    [
        ("10 Gbit/s", "bit/second", 1e10),
        ("100 Mbit / 1 s", "bit/second", 1e8),
        ("1 TB / (1 Gbit/s)", "second", 8000),
        ("40 MBps", "byte/second", 4e7),
        ("512 kbps", "bit/second", 512e3),
        ("2 Kbits", "bit", 2000),
    ],
)
def test_bit_and_byte_rates_as_networks_write_them(expr, in_unit, expected):
    """ "Gbit/s" and "Mbit" were unknown names, and "MBps" not a rate: a network card's speed in its
    own spelling."""
    assert float(evaluate_expr(expr).to(in_unit).magnitude) == pytest.approx(expected)


# Scales written as words or apart from their number, followed by what they count: "5 million
# users" was refused as an unknown name 'users', although "5M users" was read.
@pytest.mark.parametrize(
    "expr, unit, expected",
    [
        ("5 million users * 2", "", 1e7),
        ("50 M users", "", 5e7),
        ("1.2 bn users * 2", "", 2.4e9),
        ("2 thousand req/s", "1/s", 2e3),
        ("100 B msgs/day", "1/day", 1e11),  # a spaced B before what is counted is a billion
        ("4 B messages * 100 bytes", "byte", 4e11),
        ("5x10^8", "", 5e8),  # scientific notation with a letter x
        ("5X10^8 users", "", 5e8),
        ("1.2x10^3", "", 1.2e3),
        ("5 x10^8", "", 5e8),
    ],
)
def test_scales_and_powers_of_ten_written_in_other_conventions(expr, unit, expected):
    assert float(evaluate_expr(expr).to(unit).magnitude) == pytest.approx(expected)


def test_a_spaced_b_before_no_count_word_is_still_bytes():
    assert evaluate_expr("100 B").to("byte").magnitude == pytest.approx(100)
    assert evaluate_expr("100 B per user").to("byte").magnitude == pytest.approx(100)


def test_a_row_named_like_a_scale_or_an_x_power_is_still_the_row():
    rows = by_name([{"name": "x10", "expr": "3"}, {"name": "q", "expr": "5x10"}])
    assert rows["q"].value.magnitude == pytest.approx(15)


# A unit written as "per second" or "/s" was "not a complete expression".
@pytest.mark.parametrize("unit", ["/s", "/sec", "/ s", "per second", "per sec", "Per second"])
def test_a_unit_written_as_per_a_time_is_a_rate(unit):
    row = evaluate_rows([{"name": "qps", "expr": "1B / 86400 s", "unit": unit}])[0]
    assert row.error is None
    assert row.magnitude_in("1/s") == pytest.approx(11574, rel=1e-3)


def test_per_day_as_a_unit_is_the_interviews_implicit_per_day():
    row = evaluate_rows([{"name": "msgs", "expr": "50M * 20", "unit": "per day"}])[0]
    assert row.error is None
    assert row.display == "1B /day"


# An assumption written as a plain number with its unit beside it ("message size: 100, unit:
# bytes") was a unit mismatch, and every row built on it had no value.
def test_a_plain_number_takes_the_unit_written_beside_it():
    rows = by_name(
        [
            {"name": "msgs_per_day", "expr": "1B", "unit": "1/day"},
            {"name": "msg_size", "expr": "100", "unit": "bytes"},
            {"name": "storage_per_day", "expr": "msgs_per_day * msg_size", "unit": "GB/day"},
            {"name": "latency", "expr": "200", "unit": "ms"},
            {"name": "daily_growth", "expr": "50", "unit": "GB/day"},
            {"name": "five_years", "expr": "daily_growth * 365 * 5", "unit": "TB"},
        ]
    )
    assert {n: r.error for n, r in rows.items() if r.error} == {}
    assert rows["msg_size"].display == "100 bytes"
    assert rows["storage_per_day"].display == "100 GB /day"
    assert rows["latency"].magnitude_in("second") == pytest.approx(0.2)
    assert rows["daily_growth"].display == "50 GB /day"
    assert rows["five_years"].magnitude_in("byte") == pytest.approx(91.25e12)


def test_a_derived_count_under_a_unit_of_bytes_is_still_a_mismatch():
    # "dau * 20" is a count: a row that forgot the size it multiplies by is not silently bytes
    rows = by_name([{"name": "dau", "expr": "50M"}, {"name": "storage", "expr": "dau * 20", "unit": "GB"}])
    assert rows["storage"].error.startswith("unit mismatch")


# Marks of an approximation, a percent apart from its number, and what else is counted in a
# back-of-envelope estimate of machines: each was refused ("can't read '~500M'", "unknown name
# 'replicas'").
@pytest.mark.parametrize(
    "expr, unit, expected",
    [
        ("~500M", "", 5e8),
        ("≈ 1B / 86400 s", "1/s", 11574.07),
        ("500M * ~10%", "", 5e7),
        ("500M*10 %", "", 5e7),
        ("100 TB / 3 replicas", "byte", 100e12 / 3),
        ("10K req/s / 20 servers", "1/s", 500),
        ("64 cores * 2 machines", "", 128),
    ],
)
def test_approximations_percents_and_machines_as_people_write_them(expr, unit, expected):
    assert float(evaluate_expr(expr).to(unit).magnitude) == pytest.approx(expected, rel=1e-4)


def test_a_spaced_b_in_a_count_row_is_a_billion_and_the_row_says_so():
    # "1.5 B" is bytes by the rule for a spaced B; a row whose unit is users means a billion
    rows = by_name(
        [
            {"name": "users", "expr": "1.5 B", "unit": "users"},
            {"name": "dau", "expr": "users * 20%", "unit": "users"},
            {"name": "size", "expr": "1.5 B", "unit": "bytes"},
        ]
    )
    assert rows["users"].error is None
    assert rows["users"].magnitude_in("") == pytest.approx(1.5e9)
    assert rows["users"].notes == ["B read as billion, as the unit says"]
    assert rows["dau"].magnitude_in("") == pytest.approx(3e8)
    assert rows["size"].magnitude_in("byte") == pytest.approx(1.5)


@pytest.mark.parametrize(
    ("expr", "seconds"),
    [("1 TB / 1 Gbit/s", 8000), ("1 PB / 100 MB/s", 1e7), ("2 * 500 GB / 10 Gbps", 800)],
)
def test_a_unit_written_with_its_slash_is_one_unit(expr, seconds):
    """ "1 TB / 1 Gbit/s" is a transfer time: read left to right it was (1 TB / 1 Gbit) / s, a rate
    of 1,000 byte/bit a second. Spaced out, "/ s" is the candidate's own division."""
    assert evaluate_expr(expr).to("s").magnitude == pytest.approx(seconds)


def test_a_spaced_slash_still_divides_left_to_right():
    assert evaluate_expr("1 TB / 1 Gbit / s").to("1/s").magnitude == pytest.approx(8000)
