"""Mermaid in and out: real flowchart syntax, inferred kinds, exact round trips, hostile input."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.formats.mermaid import MermaidError, read_mermaid, write_mermaid
from designer.session_format import validate_board

ROOT = Path(__file__).resolve().parents[2]


def kinds(board):
    return {n["data"]["id"]: n["data"]["kind"] for n in board["nodes"]}


def test_flowchart_syntax_shapes_links_and_labels():
    result = read_mermaid("""
        %% a comment
        graph TD
          A[Client App] -->|HTTPS| B{Load Balancer}
          B --> C(Web Server 1) & D(Web Server 2)
          C -- read --> E[(MySQL)]
          D -.-> F[[SQS queue]]
          F -.->|consume| G>Workers]
          subgraph cache layer
            H((Redis))
          end
          C --- H
          classDef red fill:#f00
          class A red
    """)
    board = result.board
    validate_board(board)
    assert kinds(board) == {
        "A": "client",
        "B": "load_balancer",
        "C": "web_server",
        "D": "web_server",
        "E": "sql_database",
        "F": "queue",
        "G": "worker",
        "H": "cache",
    }
    labels = {
        (e["data"]["source"], e["data"]["target"]): (e["data"]["label"], e["data"]["mode"])
        for e in board["edges"]
    }
    assert labels[("A", "B")] == ("HTTPS", "sync")
    assert labels[("C", "E")] == ("read", "sync")
    assert labels[("D", "F")] == ("", "async")
    assert labels[("F", "G")] == ("consume", "async")
    assert ("B", "D") in labels and ("C", "H") in labels
    assert board["zones"] == [{"data": {"id": "cache_layer", "label": "cache layer", "kind": "zone"}}]
    assert next(n for n in board["nodes"] if n["data"]["id"] == "H")["data"]["parent"] == "cache_layer"
    assert all("position" in n for n in board["nodes"])
    assert (
        board["nodes"][0]["position"]["x"] < board["nodes"][4]["position"]["x"]
    )  # laid out along the arrows


def test_inferred_kinds_carry_their_reason_and_replicas():
    result = read_mermaid("flowchart LR\n  s[API servers x3] --> d[(orders)]")
    assert result.inferred["s"].replicas == 3
    assert result.inferred["d"].reason == "a cylinder is a database"


def test_round_trip_keeps_boxes_kinds_labels_arrows_and_modes():
    session = json.loads((ROOT / "rubrics" / "chat-app" / "strong.session.json").read_text())
    board = session["board"]
    back = read_mermaid(write_mermaid(board)).board

    def shape(b):
        ids = {n["data"]["id"] for n in b["nodes"]}
        nodes = sorted(
            (n["data"]["id"], n["data"]["kind"], n["data"]["label"], n["data"].get("replicas", 1))
            for n in b["nodes"]
        )
        edges = sorted(
            (e["data"]["source"], e["data"]["target"], e["data"]["label"], e["data"].get("mode", "sync"))
            for e in b["edges"]
        )
        return ids, nodes, edges

    assert shape(back) == shape(board)


def test_labels_with_quotes_brackets_and_html_stay_text():
    board = {
        "nodes": [
            {"data": {"id": "a", "kind": "service", "label": 'say "hi" (x) [y] <script>'}},
            {"data": {"id": "b", "kind": "cache", "label": "c))"}},
        ],
        "edges": [{"data": {"id": "e", "source": "a", "target": "b", "label": "a|b"}}],
    }
    back = read_mermaid(write_mermaid(board)).board
    assert [n["data"]["label"] for n in back["nodes"]] == ['say "hi" (x) [y] <script>', "c))"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("sequenceDiagram\n A->>B: hi", "this is a 'sequenceDiagram' diagram"),
        ("hello", "this is a 'hello' diagram"),
        ("", "the file has no flowchart"),
        ("flowchart LR\n  a[unclosed --> b", "is not closed"),
        ("flowchart LR\n  a --> ", "expected a node id"),
        (
            "flowchart LR\n" + "\n".join(f"  n{i} --> n{i + 1}" for i in range(15_000)),
            "more than 2,000 boxes",
        ),
    ],
)
def test_bad_mermaid_gets_a_message_with_its_line(text, message):
    with pytest.raises(MermaidError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_mermaid(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('flowchart LR\n AB-.=>|[](){}&%"x3')), max_size=120))
def test_fuzzed_mermaid_reads_or_fails_cleanly(text):
    try:
        result = read_mermaid(text)
    except MermaidError:
        return
    validate_board(result.board)


@pytest.mark.parametrize("name", ["finos-calm-classic.mmd", "finos-calm-node-type-map.mmd"])
def test_real_files_written_by_calm(name):
    # Front matter, %%{init}%%, classDef, :::class, @{shape: …} nodes and class lines, as CALM writes them.
    result = read_mermaid((ROOT / "tests" / "data" / "mermaid" / name).read_text())
    board = result.board
    validate_board(board)
    assert len(board["nodes"]) == 9 and len(board["edges"]) == 9
    assert kinds(board) == {
        "api-service": "service",
        "worker-queue": "queue",
        "user": "client",
        "load-balancer": "load_balancer",
        "message-bus": "queue",
        "payment-system": "external",
        "database": "sql_database",
        "redis-cache": "cache",
        "web-app": "client",
    }
    edge = next(e["data"] for e in board["edges"] if e["data"]["target"] == "database")
    assert (edge["source"], edge["label"]) == ("api-service", "API queries database")


def test_bidirectional_links_become_one_arrow():
    board = read_mermaid("flowchart LR\n  a[API] <--> b[(DB)]").board
    assert [(e["data"]["source"], e["data"]["target"]) for e in board["edges"]] == [("a", "b")]


def test_arrow_ids_never_collide_with_box_ids():
    board = read_mermaid("flowchart LR\n  e1[API] --> e2[(DB)]").board
    validate_board(board)
    assert [e["data"]["id"] for e in board["edges"]] == ["e1-2"]


def test_architecture_beta_services_and_edges():
    result = read_mermaid("""architecture-beta
    group api(cloud)[API]

    service db(database)[Database] in api
    service disk1(disk)[Storage] in api
    service server(server)[Server] in api
    service users(internet)[Internet]
    junction j in api

    users:R --> L:server
    db:L -- R:server
    disk1:T <-- B:server
    server:B -- T:j
""")
    board = result.board
    validate_board(board)
    assert kinds(board) == {
        "db": "sql_database",
        "disk1": "other",  # "Storage" on a disk: the label doesn't say an object store
        "server": "web_server",
        "users": "client",
    }
    assert [(e["data"]["source"], e["data"]["target"]) for e in board["edges"]] == [
        ("users", "server"),
        ("server", "db"),  # "db -- server" has no head: the server reads the database, not the other way
        ("server", "disk1"),
    ]
    assert any("junction" in w for w in result.warnings)
    assert any("Server → Database" in w for w in result.warnings)


def test_architecture_icons_from_icon_packs_say_what_a_box_is():
    """How AWS architectures are drawn in Mermaid: iconify's ``logos`` pack names the product
    (``logos:aws-aurora``); its label often says only "Database" or "Storage". The icon was read
    for nothing, so both storage boxes were "other" and a queue labelled by its role was a box of no
    kind. A product's icon wins; a compute icon (EC2, a server) yields to a label that names
    something, as on draw.io's cloud icons."""
    result = read_mermaid("""architecture-beta
    group api(logos:aws-lambda)[API]
    service db(logos:aws-aurora)[Database] in api
    service archive(logos:aws-glacier)[Storage] in api
    service media(logos:aws-s3)[Storage] in api
    service server(logos:aws-ec2)[Server] in api
    service fanout(logos:aws-sqs)[Fan-out] in api
    service cache(logos:aws-ec2)[Redis cache]
    service ledger(mdi:database)[Ledger]
    service lessons(server)[Math Lesson]
    service web(logos:aws-ec2)[Web app]
    db:L -- R:server
    archive:T -- B:server
""")
    board = result.board
    validate_board(board)
    assert kinds(board) == {
        "db": "sql_database",
        "archive": "object_storage",
        "media": "object_storage",
        "server": "web_server",
        "fanout": "queue",
        "cache": "cache",
        "ledger": "sql_database",
        "lessons": "web_server",
        "web": "service",  # an app on EC2 is the app's server, not a user's device
    }
    data = {n["data"]["id"]: n["data"] for n in board["nodes"]}
    assert data["db"]["managed"] is True and data["fanout"]["managed"] is True
    assert result.inferred["fanout"].reason == "its icon is aws sqs"
    assert result.inferred["cache"].reason == "the label says “cache”"


def test_architecture_titles_in_quotes_are_their_words():
    board = read_mermaid("""architecture-beta
group aws(logos:aws)["AWS us-east-2"]
group vpc(logos:aws)["VPC main"] in aws
service ec2(logos:aws-ec2)["orders t2.medium"] in vpc
service bucket(logos:aws-s3)["media-bucket"] in aws
ec2:R --> L:bucket
""").board
    labels = {n["data"]["id"]: n["data"]["label"] for n in board["nodes"]}
    assert labels == {"ec2": "orders t2.medium", "bucket": "media-bucket"}
    assert kinds(board) == {"ec2": "service", "bucket": "object_storage"}


STRUCTURIZR_EXPORT = """graph TB
  linkStyle default fill:#ffffff

  subgraph diagram ["Chat - Containers"]
    style diagram fill:#ffffff,stroke:#ffffff

    1["<div style='font-weight: bold'>Chat user</div><div style='font-size: 70%; margin-top: 0px'>[Person]</div><div style='font-size: 80%; margin-top:10px'>Sends and reads<br />messages</div>"]
    style 1 fill:#08427b,stroke:#052e56,color:#ffffff

    subgraph 2 ["Chat system"]
      style 2 fill:#ffffff,stroke:#2e6295,color:#2e6295

      4("<div style='font-weight: bold'>Chat API</div><div style='font-size: 70%; margin-top: 0px'>[Container: Go]</div><div style='font-size: 80%; margin-top:10px'>Accepts and delivers<br />messages</div>")
      style 4 fill:#438dd5,stroke:#2e6295,color:#ffffff
      5[("<div style='font-weight: bold'>Message Store</div><div style='font-size: 70%; margin-top: 0px'>[Container: Cassandra]</div><div style='font-size: 80%; margin-top:10px'>Holds every message</div>")]
      style 5 fill:#438dd5,stroke:#2e6295,color:#ffffff
      6("<div style='font-weight: bold'>Events</div><div style='font-size: 70%; margin-top: 0px'>[Container: Kafka]</div>")
      style 6 fill:#438dd5,stroke:#2e6295,color:#ffffff
    end

    1-. "<div>Chats using</div><div style='font-size: 70%'>[JSON/HTTPS]</div>" .->4
    4-. "<div>Reads from and writes to</div><div style='font-size: 70%'>[CQL]</div>" .->5
    4-. "<div>Publishes message events to</div><div style='font-size: 70%'></div>" .->6
  end
"""


def test_structurizr_mermaid_export_reads_as_its_c4_model():
    """Structurizr's Mermaid export (how a C4 model kept as a workspace.dsl is often published in
    docs) writes each element as HTML — a bold name, its type and technology, a description — and
    each relationship as a dotted link with quoted HTML text. The first relationship was refused
    ("can't read"); the dotted links would have been asynchronous, though C4 draws every relation
    dotted: what is asynchronous is what its words say, as the C4 reader reads it."""
    result = read_mermaid(STRUCTURIZR_EXPORT)
    board = result.board
    validate_board(board)
    data = {n["data"]["id"]: n["data"] for n in board["nodes"]}
    assert {i: d["label"] for i, d in data.items()} == {
        "1": "Chat user",
        "4": "Chat API",
        "5": "Message Store",
        "6": "Events",
    }
    assert kinds(board) == {"1": "client", "4": "service", "5": "nosql_database", "6": "stream"}
    assert data["5"]["notes"] == "Holds every message"
    assert data["4"]["notes"] == "Accepts and delivers messages"
    assert [
        (e["data"]["source"], e["data"]["target"], e["data"]["label"], e["data"]["mode"])
        for e in board["edges"]
    ] == [
        ("1", "4", "Chats using (JSON/HTTPS)", "sync"),
        ("4", "5", "Reads from and writes to (CQL)", "sync"),
        ("4", "6", "Publishes message events to", "async"),
    ]


@pytest.mark.parametrize(
    "link", ['-- "<b>calls</b> -> it" -->', '-. "<b>calls</b> -> it" .->', '== "<b>calls</b> -> it" ==>']
)
def test_quoted_link_text_may_hold_html_and_arrows(link):
    board = read_mermaid(f"graph LR\n  A[API] {link} B[(DB)]").board
    assert [e["data"]["label"] for e in board["edges"]] == ["calls -> it"]


def test_real_files_written_by_structurizr():
    """Structurizr's own expected Mermaid output (Apache-2.0): both were refused at their first
    relationship. The container view reads as the C4-PlantUML Big Bank does: a "Web Application"
    container in Java serves pages, the SPA and the mobile app are the clients."""
    folder = ROOT / "tests" / "data" / "mermaid"
    containers = read_mermaid((folder / "structurizr-36141-Containers.mmd").read_text()).board
    validate_board(containers)
    named = {n["data"]["label"]: n["data"]["kind"] for n in containers["nodes"]}
    assert named == {
        "Personal Banking Customer": "client",
        "Mainframe Banking System": "service",
        "E-mail System": "notification_service",
        "Single-Page Application": "client",
        "Mobile App": "client",
        "Web Application": "web_server",
        "API Application": "service",
        "Database": "sql_database",
    }
    assert len(containers["edges"]) == 10
    assert {e["data"]["mode"] for e in containers["edges"]} == {"sync"}  # dotted, as C4 draws every relation
    labels = {n["data"]["id"]: n["data"]["label"] for n in containers["nodes"]}
    assert ("API Application", "Database", "Reads from and writes to (JDBC)") in {
        (labels[e["data"]["source"]], labels[e["data"]["target"]], e["data"]["label"])
        for e in containers["edges"]
    }
    database = next(n["data"] for n in containers["nodes"] if n["data"]["label"] == "Database")
    assert database["notes"].startswith("Stores user registration information, hashed authentication")
    aws = read_mermaid((folder / "structurizr-54915-AmazonWebServicesDeployment.mmd").read_text()).board
    validate_board(aws)
    assert kinds(aws) == {"14": "sql_database", "7": "dns", "8": "load_balancer", "11": "service"}
    assert [(e["data"]["source"], e["data"]["target"]) for e in aws["edges"]] == [
        ("11", "14"),
        ("7", "8"),
        ("8", "11"),
    ]


def test_junctions_keep_the_lines_that_pass_through_them():
    # The junction example of Mermaid's architecture-beta documentation (MIT): lines without arrow
    # heads, through two joined junctions, imported with no arrow at all before.
    result = read_mermaid("""architecture-beta
    service left_disk(disk)[Disk]
    service top_disk(disk)[Disk]
    service bottom_disk(disk)[Disk]
    service top_gateway(internet)[Gateway]
    service bottom_gateway(internet)[Gateway]
    junction junctionCenter
    junction junctionRight

    left_disk:R -- L:junctionCenter
    top_disk:B -- T:junctionCenter
    bottom_disk:T -- B:junctionCenter
    junctionCenter:R -- L:junctionRight
    top_gateway:B -- T:junctionRight
    bottom_gateway:T -- B:junctionRight
""")
    validate_board(result.board)
    pairs = [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]]
    services = ["left_disk", "top_disk", "bottom_disk", "top_gateway", "bottom_gateway"]
    assert pairs == [(a, b) for i, a in enumerate(services) for b in services[i + 1 :]]
    assert "the lines through them became 10 arrows" in " ".join(result.warnings)


def test_arrow_heads_through_a_junction_say_which_way():
    board = read_mermaid("""architecture-beta
    service api(server)[API]
    service db(database)[Orders]
    service cache(disk)[Redis]
    junction j
    api:R --> L:j
    j:R --> L:db
    cache:T <-- B:j
""").board
    assert [(e["data"]["source"], e["data"]["target"]) for e in board["edges"]] == [
        ("api", "db"),
        ("api", "cache"),
    ]


def test_subgraphs_are_zones_nested_as_written_around_the_boxes_named_in_them():
    result = read_mermaid("""
        flowchart LR
          lb[Load balancer] --> api
          subgraph use1 [us-east-1]
            subgraph priv ["Private subnet"]
              api[API] --> db[(Orders)]
            end
            cache((Redis))
          end
          subgraph "Main Graph"
            lb
          end
          subgraph db [Data]
          end
    """)
    board = validate_board(result.board)
    zones = {
        z["data"]["id"]: (z["data"]["label"], z["data"]["kind"], z["data"].get("parent"))
        for z in board["zones"]
    }
    assert zones == {
        "use1": ("us-east-1", "region", None),
        "priv": ("Private subnet", "subnet", "use1"),
        "Main_Graph": ("Main Graph", "zone", None),
        "db-zone": ("Data", "zone", None),  # a subgraph named as a box gives way
    }
    parents = {n["data"]["id"]: n["data"].get("parent") for n in board["nodes"]}
    # api was first named outside; the arrow inside the subgraph does not move it; lb is listed alone
    assert parents == {"lb": "Main_Graph", "api": None, "db": "priv", "cache": "use1"}
    assert not result.warnings


def test_zones_round_trip_through_mermaid_with_their_kinds():
    board = {
        "nodes": [
            {"data": {"id": "api", "kind": "service", "label": "API", "parent": "az"}},
            {"data": {"id": "end", "kind": "cache", "label": "Cache", "parent": "az"}},
            {"data": {"id": "web", "kind": "client", "label": "Web"}},
        ],
        "edges": [{"data": {"id": "e1", "source": "web", "target": "api", "mode": "sync", "label": ""}}],
        "zones": [
            {"data": {"id": "r", "label": "Europe", "kind": "region"}},
            {"data": {"id": "az", "label": "", "kind": "availability_zone", "parent": "r"}},
        ],
    }
    text = write_mermaid(board)
    assert 'subgraph r ["Europe"]' in text and "end_" in text  # "end" can't be an id in Mermaid
    back = validate_board(read_mermaid(text).board)
    assert [(z["data"]["label"], z["data"]["kind"], z["data"].get("parent")) for z in back["zones"]] == [
        ("Europe", "region", None),
        ("Availability zone", "availability_zone", "r"),
    ]
    assert {n["data"]["label"]: n["data"].get("parent") for n in back["nodes"]} == {
        "API": "az",
        "Cache": "az",
        "Web": None,
    }


def edges_of(board):
    return [
        (e["data"]["source"], e["data"]["target"], e["data"].get("label") or None) for e in board["edges"]
    ]


@pytest.mark.parametrize(
    "text",
    [
        "graph TD; A[Client] --> B[API]; B --> C[(Postgres)]",  # Mermaid's one-line form
        "graph TD;\n  A[Client] --> B[API];\n  B --> C[(Postgres)];",
        "flowchart TD\n  A[Client] --> B[API]; B --> C[(Postgres)]",
    ],
)
def test_statements_split_by_semicolons_are_read_as_lines(text):
    """Mermaid ends a statement at a line break or a ";": a one-line diagram is no empty board."""
    board = read_mermaid(text).board
    assert kinds(board) == {"A": "client", "B": "service", "C": "sql_database"}
    assert edges_of(board) == [("A", "B", None), ("B", "C", None)]


def test_a_semicolon_inside_a_label_or_an_entity_code_is_part_of_it():
    board = read_mermaid(
        'graph LR; A["Client; mobile"] -->|GET; POST| B[API #quot;v2#quot;]; B --> C{{"LB; L7"}}'
    ).board
    assert [n["data"]["label"] for n in board["nodes"]] == ["Client; mobile", 'API "v2"', "LB; L7"]
    assert edges_of(board) == [("A", "B", "GET; POST"), ("B", "C", None)]


def test_a_comment_keeps_its_semicolons_and_a_statement_after_one_keeps_its_line_number():
    board = read_mermaid("graph LR\n  %% a; b --> c\n  A[Client] --> B[API]; B --> C[(DB)]").board
    assert sorted(kinds(board)) == ["A", "B", "C"]
    with pytest.raises(MermaidError, match="^line 2: "):
        read_mermaid("graph LR; A --> B\n  A --> B; C --> ")


@pytest.mark.parametrize(
    ("link", "label", "mode"),
    [
        ("--->", None, "sync"),  # longer links are the same link, drawn longer
        ("----", None, "sync"),
        ("===>", None, "sync"),
        ("===", None, "sync"),
        ("-..->", None, "async"),
        ("-.-", None, "async"),
        ("--o", None, "sync"),  # circle and cross heads
        ("--x", None, "sync"),
        ("o--o", None, "sync"),
        ("<-->", None, "sync"),
        ("e1@-->", None, "sync"),  # Mermaid 11's edge id
        ('-->|"GET | POST"|', "GET | POST", "sync"),  # a quoted label may hold a pipe
        ("-- reads --->", "reads", "sync"),
        ("-. emits .->", "emits", "async"),
        ("== hot ==>", "hot", "sync"),
    ],
)
def test_every_link_form_of_mermaid_flowcharts_is_an_arrow(link, label, mode):
    board = read_mermaid(f"graph LR\n  A[Client] {link} B[API]").board
    assert [(e["data"]["source"], e["data"]["target"], e["data"]["mode"]) for e in board["edges"]] == [
        ("A", "B", mode)
    ]
    assert edges_of(board)[0][2] == label


def test_an_invisible_link_places_boxes_without_an_arrow_and_a_head_letter_needs_a_space():
    board = read_mermaid(
        "graph LR\n  A[Client] ~~~ B[API]\n  B --- oracle[(Oracle)]\n  B --> xray[X-ray]"
    ).board
    assert sorted(kinds(board)) == ["A", "B", "oracle", "xray"]
    assert edges_of(board) == [("B", "oracle", None), ("B", "xray", None)]


def test_a_markdown_string_label_is_read_for_its_words():
    board = read_mermaid('graph LR\n  A["`**Mobile** client`"] --> B["`Chat *service*`"]').board
    assert [n["data"]["label"] for n in board["nodes"]] == ["Mobile client", "Chat service"]
    assert kinds(board) == {"A": "client", "B": "service"}


def _arrows(board):
    labels = {n["data"]["id"]: n["data"]["label"] for n in board["nodes"]}
    return sorted(f"{labels[e['data']['source']]} -> {labels[e['data']['target']]}" for e in board["edges"])


# A link drawn without a head (or with one at each end) says no direction; it was read in the order
# written, so a design written from the data's side ("db --- api --- lb --- users") had no path from
# its users to its data, and its load balancer fed the users: graded as a broken design.
def test_links_without_a_direction_point_from_the_clients_to_the_data():
    result = read_mermaid(
        "graph LR\n  D[(Postgres)] --- A[API x3]\n  A --- L[Load balancer]\n  L --- C([Users])\n"
        "  A <--> R[(Redis cache)]\n  Q[[Kafka]] -.- W[Workers]\n  A -.- Q"
    )
    assert _arrows(result.board) == [
        "API x3 -> Kafka",
        "API x3 -> Postgres",
        "API x3 -> Redis cache",
        "Kafka -> Workers",
        "Load balancer -> API x3",
        "Users -> Load balancer",
    ]
    assert any(
        w.startswith("3 links drawn without a direction") and "Users → Load balancer" in w
        for w in result.warnings
    )


def test_an_arrow_keeps_the_direction_its_head_gives():
    result = read_mermaid("graph LR\n  D[(Postgres)] --> A[API]\n  W[Worker] --- X[Reports]")
    # the head says Postgres → API; two boxes of no known order stay as written
    assert _arrows(result.board) == ["Postgres -> API", "Worker -> Reports"]
    assert not any("direction" in w for w in result.warnings)


def test_an_architecture_line_without_heads_points_from_the_clients_to_the_data():
    result = read_mermaid(
        "architecture-beta\n  service db(database)[Orders DB]\n  service api(server)[API]\n"
        "  service web(internet)[Browser]\n  db:L -- R:api\n  api:L -- R:web"
    )
    assert _arrows(result.board) == ["API -> Orders DB", "Browser -> API"]


def test_a_markdown_string_over_several_lines_is_one_label():
    """Mermaid's Markdown strings ("`…`" in quotes) may run over lines; each line was read as a
    statement, and the first was "not closed"."""
    result = read_mermaid(
        'flowchart LR\n  api[API] --> db[("`**Cassandra**\n  messages`")]\n  db --> r["two\nlines"]\n  %% a "stray quote\n  api --> c[Cache]'
    )
    labels = {n["data"]["id"]: n["data"]["label"] for n in result.board["nodes"]}
    assert labels == {"api": "API", "db": "Cassandra messages", "r": "two lines", "c": "Cache"}
    assert kinds(result.board)["db"] == "nosql_database"
    assert [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]] == [
        ("api", "db"),
        ("db", "r"),
        ("api", "c"),
    ]


def test_a_quote_never_closed_is_an_error_at_its_own_line():
    with pytest.raises(MermaidError, match="line 2: "):
        read_mermaid('flowchart LR\n  a["open --> b\n  b --> c\n  c --> d')


def test_an_arrows_own_properties_are_no_box():
    """Mermaid 11.6 gives an arrow an id and then properties: ``e1@{ animate: true }`` was a box."""
    result = read_mermaid(
        "flowchart LR\n  a[API] e1@--> b[(Postgres)]\n  e1@{ animate: true }\n  e2@{ curve: linear }\n  c@{ shape: cyl, label: DB }"
    )
    assert sorted(kinds(result.board)) == ["a", "b", "c"]
    assert [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]] == [("a", "b")]


C4_CHAT = """C4Container
title Chat app: containers
Person(user, "Mobile user", "Sends and reads messages")
System_Ext(apns, "APNs", "Apple's push service")
System_Boundary(chat, "Chat platform") {
    Container(lb, "Load balancer", "NGINX")
    Container(api, "Chat API", "Go", "Holds the WebSocket per user; replicated x3")
    ContainerQueue(bus, "Events", "Kafka", "Messages to fan out")
    Container(fanout, "Fan-out workers", "Go")
    ContainerDb(store, "Message store", "Cassandra", "Partition key chat_id")
}
Rel(user, lb, "Sends messages", "WebSocket")
Rel(lb, api, "Routes")
Rel(api, store, "Writes")
Rel(api, bus, "Publishes message events", "async")
Rel_Back(fanout, bus, "Consumes")
Rel(fanout, apns, "Push to offline users")
BiRel(fanout, store, "Reads recipients")
UpdateRelStyle(user, lb, $textColor="blue")
UpdateLayoutConfig($c4ShapeInRow="3")
"""


def test_a_c4_container_diagram_is_a_board():
    """C4 is how architecture diagrams are kept in docs (Mermaid's C4Context/C4Container, the same
    macros as C4-PlantUML); such a file was "a 'C4Container' diagram; only flowcharts can become a
    board". People, systems, containers, components, their Db and Queue forms and _Ext ones become
    boxes (their technology and description read for the kind, the description kept as notes);
    Rel, Rel_Back and BiRel arrows; boundaries zones."""
    result = read_mermaid(C4_CHAT)
    assert kinds(result.board) == {
        "user": "client",
        "apns": "notification_service",
        "lb": "load_balancer",
        "api": "service",
        "bus": "stream",
        "fanout": "worker",
        "store": "nosql_database",
    }
    edges = {(e["data"]["source"], e["data"]["target"]): e["data"] for e in result.board["edges"]}
    assert set(edges) == {
        ("user", "lb"),
        ("lb", "api"),
        ("api", "store"),
        ("api", "bus"),
        ("bus", "fanout"),  # Rel_Back: drawn from the consumer, it runs from the queue
        ("fanout", "apns"),
        ("fanout", "store"),  # BiRel: no direction, turned from the clients' side to the data's
    }
    assert edges[("user", "lb")]["label"] == "Sends messages (WebSocket)"
    assert edges[("api", "bus")]["mode"] == "async" and edges[("lb", "api")]["mode"] == "sync"
    nodes = {n["data"]["id"]: n["data"] for n in result.board["nodes"]}
    assert nodes["store"]["notes"] == "Partition key chat_id" and nodes["api"]["replicas"] == 3
    assert nodes["store"]["label"] == "Message store"
    assert [(z["data"]["label"], z["data"]["id"]) for z in result.board["zones"]] == [
        ("Chat platform", "chat")
    ]
    assert nodes["api"]["parent"] == "chat" and "parent" not in nodes["user"]
    validate_board(result.board)


@pytest.mark.parametrize(
    "text, message",
    [
        ('C4Context\nPerson(a, "A"\n', "line 2: can't read"),
        ('C4Context\nSystem_Boundary(b, "B") {\nPerson(a, "A")\n', "the boundary b is not closed"),
    ],
)
def test_a_broken_c4_diagram_says_which_line(text, message):
    with pytest.raises(MermaidError, match=message):
        read_mermaid(text)


def test_a_c4_relation_to_no_element_is_left_out_with_a_note():
    result = read_mermaid(
        'C4Context\nPerson(a, "A")\nSystem(s, "Shop")\nRel(a, s, "Buys")\nRel(a, nowhere, "x")'
    )
    assert [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]] == [("a", "s")]
    assert result.warnings == ["line 5: the relation names nowhere, which no element is; left out"]


def test_a_c4_relation_to_a_deployment_node_reaches_the_one_element_it_runs():
    """Deployment diagrams in docs draw arrows to the node ("Rel(user, cf, …)" with the CDN inside
    CloudFront's node): the arrow goes to the element the node holds, and where it holds several
    the relation is left out with a note that says so."""
    result = read_mermaid(
        "C4Deployment\n"
        'Person(user, "Customer")\n'
        'Deployment_Node(cf, "CloudFront") {\n  Container(cdn, "CDN Distribution", "S3 assets")\n}\n'
        'Deployment_Node(vpc, "VPC") {\n'
        '  Deployment_Node(pub, "Public subnet") {\n    Container(alb, "Application Load Balancer")\n  }\n'
        '  Deployment_Node(app, "App subnet") {\n    Container(api, "API")\n    Container(worker, "Worker")\n  }\n'
        "}\n"
        'Rel(user, cf, "HTTPS")\nRel(cf, pub, "HTTPS")\nRel(alb, app, "HTTP")\nRel(vpc, cdn, "x")'
    )
    arrows = [(e["data"]["source"], e["data"]["target"], e["data"]["label"]) for e in result.board["edges"]]
    assert arrows == [("user", "cdn", "HTTPS"), ("cdn", "alb", "HTTPS")]
    assert result.warnings == [
        "line 17: the relation names app, a deployment node that runs 2 elements, not one; left out",
        "line 18: the relation names vpc, a deployment node that runs 3 elements, not one; left out",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                'Person(a, "A")',
                'System(b, "B")',
                'Rel(a, b, "x")',
                "Rel_Back(b, a)",
                "BiRel(a,b)",
                '"',
                ",",
                "$x=1",
            ]
            + ['System_Boundary(a, "Z") {', "}", 'ContainerDb(c, "", "")', "(", ")", "\n", "\n", "\n"]
        ),
        max_size=40,
    )
)
def test_fuzzed_c4_reads_or_fails_cleanly(parts):
    try:
        result = read_mermaid("C4Container\n" + "".join(parts))
    except MermaidError:
        return
    validate_board(result.board)


def test_a_c4_software_system_is_a_service_unless_it_says_more():
    """ "Internet Banking System" read as a client (the label says "internet"), and "Banking System A"
    as other: a C4 system or container of the design's own is a service unless its words say more."""
    result = read_mermaid(
        'C4Context\nPerson(c, "Customer")\nSystem(ib, "Internet Banking System")\nSystem(a, "Banking System A")\n'
        'Container(spa, "Single-Page App", "JavaScript, Angular")\nSystemDb(db, "Ledger")\n'
        'Container(web, "Web Application", "Java, Spring MVC")\nContainer(m, "Mobile App", "C#, Xamarin")'
    )
    assert kinds(result.board) == {
        "web": "web_server",  # serves the pages: only what runs on a device is the client
        "m": "client",
        "c": "client",
        "ib": "service",
        "a": "service",
        "spa": "client",
        "db": "sql_database",
    }
