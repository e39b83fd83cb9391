"""What each revision changed, in words, against the one before."""

from types import SimpleNamespace

from designer.revision_changes import board_changes, changes, panel_changes


def box(id_, kind="service", label=None, x=0, **extra):
    return {"data": {"id": id_, "kind": kind, "label": label or id_, **extra}, "position": {"x": x, "y": 0}}


def arrow(id_, source, target, label="", mode="sync"):
    return {"data": {"id": id_, "source": source, "target": target, "label": label, "mode": mode}}


def test_boxes_and_arrows_added_removed_renamed_changed_and_moved():
    before = {"nodes": [box("api", label="API"), box("db", "sql_database", "Orders"), box("old")],
              "edges": [arrow("e1", "api", "db"), arrow("e2", "api", "old")]}  # fmt: skip
    after = {
        "nodes": [box("api", label="API service", x=50), box("db", "nosql_database", "Orders", replicas=3), box("c", "cache", "Redis")],
        "edges": [arrow("e1", "api", "db", "write order"), arrow("e3", "api", "c", mode="async")],
    }  # fmt: skip
    assert board_changes(before, after) == [
        "Added “Redis”.",
        "Removed “old”.",
        "Renamed “API” → “API service”.",
        "Changed “Orders” (a NoSQL database, ×3).",
        "Moved 1 box.",
        "Added the arrow “API service → Redis”.",
        "Removed the arrow “API → old”.",
        "Changed the arrow “API service → Orders”.",
    ]


def test_panel_lines_rows_and_text():
    before = {"requirements": {"functional": ["Send", "Edit"], "non_functional": []},
              "estimates": [{"name": "dau", "expr": "50M"}, {"name": "qps", "expr": "1K"}],
              "wrap_up": {"summary": ""}}  # fmt: skip
    after = {"requirements": {"functional": ["Send", "Read receipts"], "non_functional": ["p99 < 200 ms"]},
             "estimates": [{"name": "DAU", "expr": "500M"}, {"name": "storage", "expr": "1 TB"}],
             "wrap_up": {"summary": "It scales."}}  # fmt: skip
    assert panel_changes(before, after) == [
        "Functional requirements: added “Read receipts”.",
        "Functional requirements: removed “Edit”.",
        "Non-functional requirements: added “p99 < 200 ms”.",
        "Estimates: added “storage”.",
        "Estimates: removed “qps”.",
        "Estimates: edited the row “DAU”.",
        "Summary: written.",
    ]


def test_nothing_changed_says_nothing_and_the_first_revision_says_it_began():
    same = SimpleNamespace(
        board={"nodes": [box("a")], "edges": []}, panels={"requirements": {"functional": ["x"]}}
    )
    assert changes(same, same) == []
    empty = SimpleNamespace(board={"nodes": [], "edges": []}, panels={"requirements": {}, "estimates": []})
    assert changes(None, empty) == ["The session began."]
    assert changes(None, same) == ["Added “a”.", "Functional requirements: added “x”."]


def test_an_endpoint_is_named_by_method_and_path_as_in_the_conflict_dialog():
    before = {"api": {"endpoints": [{"method": "GET", "path": "/messages"}]}}
    after = {
        "api": {
            "endpoints": [{"method": "GET", "path": "/messages"}, {"method": "POST", "path": "/messages"}]
        }
    }
    assert any("POST /messages" in line for line in panel_changes(before, after)), panel_changes(
        before, after
    )


def zone(id_, label, kind="availability_zone", **extra):
    return {"data": {"id": id_, "label": label, "kind": kind, **extra}}


def note(id_, text):
    return {"data": {"id": id_, "text": text}, "position": {"x": 0, "y": 0}}


def test_zones_and_notes_added_removed_renamed_and_boxes_put_in_and_taken_out():
    before = {"nodes": [box("api", label="API", parent="a"), box("db", label="DB", parent="old"), box("lb", label="LB")],
              "edges": [], "zones": [zone("a", "AZ a"), zone("old", "VPC 1", "vpc")],
              "notes": [note("n1", "Writes to primary"), note("n2", "TODO")]}  # fmt: skip
    after = {"nodes": [box("api", label="API"), box("db", label="DB"), box("lb", label="LB", parent="b")],
             "edges": [], "zones": [zone("a", "AZ 1", "subnet"), zone("b", "")],
             "notes": [note("n1", "Writes go to the primary"), note("n3", "Reads from replicas")]}  # fmt: skip
    assert board_changes(before, after) == [
        "Added the zone “Availability zone”.",
        "Removed the zone “VPC 1”.",
        "Renamed the zone “AZ a” → “AZ 1”.",
        "Changed the zone “AZ 1” (a subnet).",
        "Put “LB” in “Availability zone”.",
        "Took “API” out of “AZ 1”.",  # DB's zone was removed: said with it
        "Added the note “Reads from replicas”.",
        "Removed the note “TODO”.",
        "Edited the note “Writes go to the primary”.",
    ]
    assert board_changes(after, after) == []
