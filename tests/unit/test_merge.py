"""Keep both (designer/merge.py): whatever either version wrote is in the merge."""

from hypothesis import given
from hypothesis import strategies as st

from designer.merge import merge_boards, merge_panel
from designer.panel_changes import row_key

ids = st.sampled_from(["c", "lb", "api", "cache", "db", "q"])
nodes = st.lists(
    st.builds(
        lambda i, label: {"data": {"id": i, "kind": "service", "label": label}}, ids, st.text(max_size=5)
    ),
    unique_by=lambda n: n["data"]["id"],
)


@st.composite
def boards(draw):
    drawn = draw(nodes)
    present = [n["data"]["id"] for n in drawn]
    edges = []
    if present:
        for s, t in draw(st.lists(st.tuples(st.sampled_from(present), st.sampled_from(present)), max_size=5)):
            edges.append({"data": {"id": f"e-{s}-{t}", "source": s, "target": t}})
    return {"nodes": drawn, "edges": list({e["data"]["id"]: e for e in edges}.values())}


@given(boards(), boards())
def test_a_merged_board_has_every_box_and_arrow_of_both_and_mine_where_both_have_one(mine, theirs):
    merged = merge_boards(mine, theirs)
    by_id = {n["data"]["id"]: n for n in merged["nodes"]}
    assert set(by_id) == {n["data"]["id"] for n in mine["nodes"] + theirs["nodes"]}
    assert all(by_id[n["data"]["id"]] == n for n in mine["nodes"])
    assert {e["data"]["id"] for e in merged["edges"]} == {
        e["data"]["id"] for e in mine["edges"] + theirs["edges"]
    }
    assert len(merged["nodes"]) == len(by_id), "no box twice"


rows = st.lists(
    st.builds(
        lambda n, e: {"name": n, "expr": e},
        st.sampled_from(["dau", "DAU", "qps", "peak", ""]),
        st.text(max_size=4),
    )
)


@given(rows, rows)
def test_a_merged_list_panel_keeps_every_row_of_mine_and_every_row_theirs_names_differently(mine, theirs):
    merged = merge_panel(mine, theirs)
    assert merged[: len(mine)] == mine
    assert {row_key(r) for r in merged} == {row_key(r) for r in mine + theirs}


def test_text_both_sides_changed_keeps_both_and_text_one_side_extended_keeps_the_longer():
    merged = merge_panel(
        {"choice": "Cassandra for messages", "notes": "partition by chat", "functional": ["Send", "Groups"]},
        {
            "choice": "PostgreSQL for users",
            "notes": "partition by chat id",
            "functional": ["send", "Read receipts"],
        },
    )
    assert merged["choice"] == "Cassandra for messages\n\nPostgreSQL for users"
    assert merged["notes"] == "partition by chat id"
    assert merged["functional"] == ["Send", "Groups", "Read receipts"]


def test_a_version_with_nothing_of_a_panel_takes_the_other():
    assert merge_panel(None, [{"name": "dau"}]) == [{"name": "dau"}]
    assert merge_panel({"choice": ""}, {"choice": "SQL"}) == {"choice": "SQL"}
