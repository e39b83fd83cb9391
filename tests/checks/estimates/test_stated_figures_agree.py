from tests.checks.tester import Case, CheckTester

T = CheckTester("estimates.stated_figures_agree")


def est(stated):
    return {
        "estimates": [
            {"name": "q", "expr": "1B / 86400 s", "unit": "1/s", "stated": stated},
            {"name": "p", "expr": "q * 2", "unit": "1/s", "stated": "24K/s"},
        ]
    }


def test_rounded_figures_pass():
    T.valid(Case(panels=est("12K/s")))
    T.valid(Case(panels=est("10K")))  # 86,400 ≈ 10^5


def test_a_10x_slip_is_caught():
    T.invalid(
        Case(
            panels=est("120K/s"),
            findings=[("disagrees", {"name": "q", "factor": "10"}, (("panel", "estimates[0]"),))],
            outcome=0.5,
        )
    )


def test_nothing_stated_is_not_assessable():
    T.invalid(Case(panels={"estimates": [{"name": "q", "expr": "1"}]}, outcome="not_assessable"))


def test_figures_grouped_as_other_countries_write_them_pass():
    # 1B / 86,400 s is 11,574/s; "11 574" with a space (SI), a narrow no-break space (what a French
    # keyboard or a word processor puts there) or in lakhs reads as that, not as 11.
    for stated in ["11 574/s", "11\u202f574 /s", "~11,574 per second", "11,574/s"]:
        T.valid(Case(panels=est(stated)))
    T.valid(
        Case(
            panels={"estimates": [{"name": "d", "expr": "1M", "unit": "1/day", "stated": "10,00,000 a day"}]}
        )
    )


def test_a_figure_spelled_out_in_words_is_compared_like_digits():
    # 1B / 86,400 s is 11,574/s: "twelve thousand per second" agrees; "a hundred and twenty thousand
    # per second" is the same 10× slip as "120K/s", caught and named.
    T.valid(Case(panels=est("about twelve thousand per second")))
    T.invalid(
        Case(
            panels=est("a hundred and twenty thousand per second"),
            findings=[("disagrees", {"name": "q", "factor": "10"}, (("panel", "estimates[0]"),))],
            outcome=0.5,
        )
    )
