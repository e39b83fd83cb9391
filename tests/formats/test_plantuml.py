"""C4-PlantUML in: the C4 model's macros as PlantUML writes them, read by the C4 reader."""

import pytest

from designer.formats import import_upload
from designer.formats.plantuml import PlantUmlError, read_plantuml
from designer.session_format import validate_board

PUML = """@startuml Chat containers
!include https://raw.githubusercontent.com/plantuml-stdlib/C4-PlantUML/master/C4_Container.puml
' the mobile client and what it talks to
LAYOUT_TOP_DOWN()
title Chat app
skinparam wrapWidth 200

Person(user, "Mobile user", "Sends and reads messages", $sprite="person")
System_Boundary(chat, "Chat platform") {
    Container(api, "Chat API", "Go", "WebSocket per user")
    ContainerQueue(bus, "Events", "Kafka")
    ContainerDb(store, "Message store", "Cassandra", "Partition key chat_id", $tags="db")
}
/'
  Rel(user, store, "never drawn")
'/
Rel(user, api, "Sends messages", "WSS")
Rel_D(api, store, "Writes")
Rel_R(api, bus, "Publishes events", "async")
Lay_R(api, bus)
SHOW_LEGEND()
@enduml
"""


def test_a_c4_plantuml_diagram_is_a_board():
    result = read_plantuml(PUML)
    kinds = {n["data"]["id"]: n["data"]["kind"] for n in result.board["nodes"]}
    assert kinds == {"user": "client", "api": "service", "bus": "stream", "store": "nosql_database"}
    edges = [(e["data"]["source"], e["data"]["target"], e["data"]["mode"]) for e in result.board["edges"]]
    assert edges == [("user", "api", "sync"), ("api", "store", "sync"), ("api", "bus", "async")]
    assert [z["data"]["id"] for z in result.board["zones"]] == ["chat"]
    validate_board(result.board)


def test_a_puml_file_is_imported_and_graded_like_any_diagram(tmp_path):
    result = import_upload("containers.puml", PUML.encode())
    assert len(result.board["nodes"]) == 4


@pytest.mark.parametrize(
    "text, said",
    [
        ("@startuml\n[API] --> [DB]\n@enduml", "only C4-PlantUML diagrams can become a board"),
        ('@startuml\n!include <C4/C4_Container>\nContainer(api, "API"\n@enduml', "line 3: can't read"),
    ],
)
def test_other_plantuml_or_a_broken_line_is_refused_with_a_message(text, said):
    with pytest.raises(PlantUmlError, match=said):
        read_plantuml(text)


def test_a_c4_plantuml_file_as_structurizr_exports_it():
    """Structurizr's export: `set separator none`, the stdlib include, tags on every element."""
    text = (
        "@startuml C4_Context\nset separator none\ntop to bottom direction\n!include <C4/C4>\n!include <C4/C4_Context>\n"
        'AddBoundaryTag("Big Bank plc")\nBoundary(group_1, "Big Bank plc", $tags="Big Bank plc") {\n'
        '  System(Mainframe, "Mainframe Banking System", "Core banking.", $tags="")\n}\n'
        'Person(Customer, "Personal Banking Customer", "A customer.", $tags="")\n'
        'Rel(Customer, Mainframe, "Uses", $tags="")\nSHOW_LEGEND(true)\nhide stereotype\n@enduml\n'
    )
    result = read_plantuml(text)
    assert [(n["data"]["id"], n["data"]["kind"]) for n in result.board["nodes"]] == [
        ("Mainframe", "service"),
        ("Customer", "client"),
    ]
    assert [
        (e["data"]["source"], e["data"]["target"], e["data"]["label"]) for e in result.board["edges"]
    ] == [("Customer", "Mainframe", "Uses")]
