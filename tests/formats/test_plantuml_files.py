"""C4-PlantUML files as their authors write them: the library's own samples and visual tests
(tests/data/plantuml/SOURCE.md), read into boards that say what the diagrams say."""

import re
from pathlib import Path

import pytest

from designer.formats.plantuml import read_plantuml
from designer.session_format import validate_board

DATA = Path(__file__).parent.parent / "data" / "plantuml"
FILES = sorted(DATA.glob("*.puml"))


def read(name: str):
    return read_plantuml((DATA / name).read_text(encoding="utf-8"))


def nodes(result) -> dict[str, dict]:
    return {n["data"]["id"]: n["data"] for n in result.board["nodes"]}


def arrows(result) -> list[tuple[str, str, str]]:
    return [(e["data"]["source"], e["data"]["target"], e["data"]["label"]) for e in result.board["edges"]]


def test_the_files_are_here():
    assert len(FILES) >= 14


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_real_file_becomes_a_valid_board(path):
    result = read_plantuml(path.read_text(encoding="utf-8"))
    assert result.board["nodes"], "every file draws at least one element"
    validate_board(result.board)
    for n in result.board["nodes"]:
        # PlantUML's escapes are line breaks and tabs, not a backslash and a letter
        assert "\\n" not in n["data"]["label"] and "\\t" not in n["data"]["label"]


def test_a_sequence_diagram_keeps_its_boundary_until_boundary_end():
    result = read("sequence-bigbankplc.puml")
    data = nodes(result)
    assert set(data) == {"c1", "c2", "c3", "c4"}
    assert data["c2"]["parent"] == data["c3"]["parent"] == "b"
    assert "parent" not in data["c4"] and "parent" not in data["c1"]
    assert arrows(result) == [
        ("c1", "c2", "Submits credentials to (JSON/HTTPS)"),
        ("c2", "c3", "Calls isAuthenticated() on"),
        ("c3", "c4", "select * from users where username = ? (JDBC)"),
    ]


def test_a_sequence_diagram_with_plantuml_fragments_keeps_every_message():
    text = (DATA / "sequence-complex.puml").read_text(encoding="utf-8")
    result = read_plantuml(text)
    assert set(nodes(result)) == {"Alice", "Bob"}
    assert len(arrows(result)) == len(re.findall(r"^\s*Rel\(", text, re.M)) == 9
    assert ("Bob", "Alice", "Authentication Accepted") in arrows(result)


def test_style_blocks_and_named_descriptions_in_a_sequence_diagram():
    result = read("percy-sequence-skinparams.puml")
    data = nodes(result)
    assert set(data) == {"Alice", "Bob"}
    assert data["Bob"]["parent"] == "system"
    assert data["Bob"]["notes"] == "This chatbot should act like a person"  # given as $descr=
    assert ("Alice", "Bob", "Authentication Request") in arrows(result)


def test_the_old_dynamic_format_draws_what_the_new_one_draws():
    old, new = read("dynamic-message-bus-old-format.puml"), read("dynamic-message-bus.puml")
    assert sorted(arrows(old)) == sorted(arrows(new))
    assert ("customer_service", "message_bus", "Sends customer update events to (async)") in arrows(old)
    assert len(arrows(new)) == 9


def test_a_deployment_nodes_instances_are_the_replicas_of_what_runs_on_it():
    for name in ("deployment-bigbankplc.puml", "deployment-bigbankplc-details.puml"):
        result = read(name)
        data = nodes(result)
        # "bigbank-api***\tx8" holds Apache Tomcat, which holds the API: eight API instances
        assert data["api"]["replicas"] == 8, name
        assert data["web"]["replicas"] == 4, name
        assert data["db"]["replicas"] == data["db2"]["replicas"] == 1, name
        zones = {z["data"]["id"]: z["data"]["label"] for z in result.board["zones"]}
        assert zones["dn"] == "bigbank-api*** x8"


def test_a_relation_with_a_direction_of_its_own():
    result = read("percy-labels-with-line-break.puml")
    data = nodes(result)
    assert data["p1"]["label"] == "Normal User Label"
    said = arrows(result)
    # Rel_(from, to, label, [techn,] direction): the direction is how it is drawn, not its technology
    assert ("p1", "c1", "A relation with custom direction") in said
    assert ("p1", "c2", "A relation with custom direction (and technology with LBs)") in said
    # in a dynamic diagram Rel_ leads with the step's index
    assert ("from", "to", "A custom dynamic relation with custom direction") in said
    assert ("from", "to", "A custom dynamic relation with custom direction (and technology with LBs)") in said


def test_relations_to_elements_never_declared_are_left_out_with_a_warning():
    result = read("percy-relations-dynamic.puml")
    assert not result.board["edges"]
    assert any("To_RelIndex_D" in w for w in result.warnings)
    assert any("To_Rel_UP" in w for w in result.warnings)


def test_skinparam_legend_and_note_blocks_are_read_past_and_a_note_is_kept():
    text = """@startuml
!include <C4/C4_Container>
skinparam rectangle {
  BackgroundColor #eee
}
System_Boundary(s, "Shop") {
  Container(api, "API", "Go", "Serves the shop")
  note right of api
    3 replicas behind the LB
  end note
}
ContainerDb(db, "Orders", "PostgreSQL")
note left of db : primary and one standby
Rel(api, db, "Reads and writes")
legend right
  Blue: ours
endlegend
note "drawn for the design review" as N1
title
  Orders (v2)
end title
note as N2
  Rel(api, db, "not a relation: a note's text")
end note
@enduml"""
    result = read_plantuml(text)
    data = nodes(result)
    assert set(data) == {"api", "db"}
    assert data["api"]["parent"] == "s" and "parent" not in data["db"]
    assert data["api"]["notes"] == "Serves the shop\n3 replicas behind the LB"
    assert data["db"]["notes"] == "primary and one standby"
    assert arrows(result) == [("api", "db", "Reads and writes")]
