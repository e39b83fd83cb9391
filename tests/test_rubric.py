"""The rubric language: errors at file:line:column, all at once; hostile YAML; extends; the schema."""

import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.rubric import RubricError, list_rubrics, load_rubric, parse_rubric, rubric_schema

MINIMAL = """\
id: demo
title: Demo
version: 1
sections:
  - step: high_level
    weight: 10
    criteria:
      - id: spof
        check: graph.no_single_point_of_failure
"""


def issues_of(text: str) -> list[str]:
    with pytest.raises(RubricError) as info:
        parse_rubric(textwrap.dedent(text), "rubrics/demo.yaml")
    return [str(i) for i in info.value.issues]


def test_every_shipped_rubric_loads():
    for rubric_id in list_rubrics():
        rubric = load_rubric(rubric_id)
        assert rubric.criteria()


def test_a_minimal_rubric_parses():
    rubric, _ = parse_rubric(MINIMAL, "demo.yaml")
    assert rubric.sections[0].criteria[0].check == "graph.no_single_point_of_failure"


def test_unknown_check_names_the_nearest_ids_at_its_line():
    issues = issues_of(MINIMAL.replace("graph.no_single_point_of_failure", "graph.no_spofs"))
    assert issues == [
        "rubrics/demo.yaml:9:16: sections[0].criteria[0].check: unknown check 'graph.no_spofs'; "
        "did you mean 'graph.no_single_point_of_failure' or 'graph.no_orphans' or "
        "'graph.no_unused_components'?"
    ]


def test_wrong_param_type_is_reported_at_the_param():
    text = MINIMAL.replace(
        "graph.no_single_point_of_failure", "graph.board_size\n        params:\n          max_nodes: three"
    )
    assert issues_of(text) == [
        "rubrics/demo.yaml:11:22: sections[0].criteria[0].params.max_nodes: expected an integer, got 'three'"
    ]


def test_all_errors_are_reported_at_once():
    text = MINIMAL.replace("version: 1", "version: one").replace("step: high_level", "step: lunch")
    issues = issues_of(text)
    assert len(issues) == 2
    assert issues[0].startswith("rubrics/demo.yaml:3:10: version:")
    assert issues[1].startswith("rubrics/demo.yaml:5:11: sections[0].step: expected one of")


def test_a_missing_key_points_at_its_parent_and_unknown_keys_are_named():
    issues = issues_of(
        MINIMAL.replace("title: Demo\n", "").replace("weight: 10", "weight: 10\n    colour: red")
    )
    assert "rubrics/demo.yaml:1:1: title: this key is required" in issues
    assert any(i.endswith("sections[0].colour: unknown key 'colour'") for i in issues)


def test_duplicate_criterion_ids_and_unknown_params():
    text = MINIMAL + "      - id: spof\n        check: graph.labelled\n        params: {boxs: false}\n"
    issues = issues_of(text)
    assert any("the criterion id 'spof' is used twice" in i for i in issues)
    assert any("unknown parameter 'boxs' of graph.labelled" in i for i in issues)


@pytest.mark.parametrize(
    "hostile, message",
    [
        ("!!python/object/apply:os.system ['echo pwned']", "is not allowed"),
        ("id: !!python/name:os.system\n", "is not allowed"),
        (
            "a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
            "expands to more than",
        ),
        ("id: a\nid: b\n", "appears twice"),
        ("id: [unclosed\n", "YAML syntax"),
        ("x" * (1024 * 1024 + 1), "at most"),
        ("- just\n- a list\n", "a rubric is a mapping"),
        ("id: " + "[" * 500 + "]" * 500, "nested more than 64 levels"),  # was a RecursionError
        ("id: " + "{a: " * 5000 + "1" + "}" * 5000, "nest"),  # libyaml stops at 1,000 levels itself
    ],
)
def test_hostile_yaml_gets_a_precise_error(hostile, message):
    issues = issues_of(hostile)
    assert message in issues[0]
    assert issues[0].startswith("rubrics/demo.yaml:")


def test_extends_overrides_by_id_and_disables(tmp_path: Path):
    (tmp_path / "base.yaml").write_text(
        MINIMAL.replace("id: demo", "id: base")
        + textwrap.indent("- id: labels\n  check: graph.labelled\n", " " * 6)
    )
    (tmp_path / "child.yaml").write_text(
        textwrap.dedent("""\
        id: child
        title: Child
        version: 2
        extends: base
        sections:
          - step: high_level
            weight: 30
            criteria:
              - id: spof
                points: 7
              - id: labels
                disabled: true
              - id: lb
                check: graph.load_balancer_in_front_of_pool
                params: {min_replicas: 3}
        """)
    )
    rubric = load_rubric("child", tmp_path)
    assert (rubric.id, rubric.version) == ("child", 2)
    assert rubric.sections[0].weight == 30
    assert [(c.id, c.points) for _, c in rubric.criteria()] == [("spof", 7), ("lb", None)]


def test_extends_cycle_and_missing_base(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("id: a\ntitle: A\nversion: 1\nextends: b\n")
    (tmp_path / "b.yaml").write_text("id: b\ntitle: B\nversion: 1\nextends: a\n")
    with pytest.raises(RubricError, match="extends makes a cycle: a → b → a"):
        load_rubric("a", tmp_path)
    with pytest.raises(RubricError, match="no rubric 'nope'; the rubrics are: a, b"):
        load_rubric("nope", tmp_path)


def test_json_schema_lists_the_checks_and_validates_the_shape():
    schema = rubric_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    assert (
        "graph.no_single_point_of_failure"
        in schema["$defs"]["Criterion"]["properties"]["check"]["anyOf"][0]["enum"]
    )
    assert set(schema["required"]) == {"id", "title", "version"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_fuzzed_rubric_text_never_raises_anything_but_rubric_error(text):
    try:
        parse_rubric(text, "fuzz.yaml")
    except RubricError as exc:
        assert all(str(i).startswith("fuzz.yaml:") for i in exc.issues)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["id", "title", "version", "sections", "extends", "checklist"]),
        yaml_values,
        max_size=6,
    )
)
def test_fuzzed_rubric_structures_get_located_errors(data):
    import yaml

    try:
        parse_rubric(yaml.safe_dump(data), "fuzz.yaml")
    except RubricError as exc:
        assert exc.issues and all(i.line >= 1 and i.column >= 1 for i in exc.issues)


def test_two_sections_for_one_step_point_at_the_second():
    text = MINIMAL + "  - step: high_level\n    weight: 5\n"
    assert issues_of(text) == [
        "rubrics/demo.yaml:10:11: sections[1].step: the step 'high_level' has two sections; merge them"
    ]


def test_every_problem_has_a_rubric_with_strong_and_weak_tests():
    from designer.problems import PROBLEMS
    from designer.rubric_tests import run_rubric_tests

    for problem in PROBLEMS:
        results = run_rubric_tests(problem.id)
        names = " ".join(r.name for r in results)
        assert "strong" in names or "well" in names, problem.id
        assert "jumps to the solution" in names, problem.id
        assert all(r.ok and not r.todo for r in results), [r.problems for r in results]


def test_deep_nesting_is_refused_without_libyaml_too(monkeypatch):
    import yaml

    import designer.yamlpos

    monkeypatch.setattr(designer.yamlpos, "_COMPOSER", yaml.SafeLoader)
    issues = issues_of("id: " + "[" * 2000 + "]" * 2000)
    assert "nested more than 64 levels" in issues[0]
