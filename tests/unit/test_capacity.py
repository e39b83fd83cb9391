"""The capacity model and failure drills: load routed from the candidate's own peak, and what breaks."""

import copy
import json
import math
from pathlib import Path

import pytest

from designer.capacity import (
    PROFILES,
    Peak,
    availability,
    capacity,
    client_paths,
    drill,
    find_peak,
    nines,
    single_failures,
)
from tests.checks.tester import board

ROOT = Path(__file__).resolve().parents[2]
CHAT = json.loads((ROOT / "tests/data/sessions/chat-app-strong.session.json").read_text())


def session(chains: str, estimates: list[dict] | None = None) -> dict:
    return {"board": board(chains), "panels": {"estimates": estimates or []}}


def rows(**exprs: str) -> list[dict]:
    return [{"name": name, "expr": expr, "unit": "1/s"} for name, expr in exprs.items()]


# --- the seed's chat-app answer ---------------------------------------------------------------


def test_the_chat_apps_peak_is_its_peak_messages_and_says_reads_are_missing():
    result = capacity(CHAT)
    assert result.peak.write_rows == (4,)  # peak_qps, worked out from write_qps
    assert result.peak.writes == pytest.approx(23_148, rel=1e-3)
    assert result.peak.reads == 0
    assert any("No read rate" in note for note in result.notes)


def test_the_chat_apps_messages_follow_the_arrows_that_carry_them():
    boxes = capacity(CHAT).boxes
    peak = 23_148.148
    # The load balancer sends messages to the chat servers only: only from there do arrows lead to
    # "publish message" and "write message"; the API service carries none of them.
    assert boxes["chat"].writes == pytest.approx(2 * peak)  # sent, then delivered back by the fan-out
    assert boxes["api"].load == 0
    assert boxes["kafka"].writes == pytest.approx(peak)
    assert boxes["msgdb"].writes == pytest.approx(peak)
    assert set(boxes["chat"].inflows) == {"e2", "e7"}


def test_the_chat_apps_bottleneck_is_its_fan_out_workers_at_one_and_ten_times_its_peak():
    result = capacity(CHAT)
    assert result.bottleneck == "fanout"
    assert result.boxes["fanout"].utilisation() == pytest.approx(23_148.148 / (4 * PROFILES["worker"].writes))
    ten = capacity(CHAT, peak=result.peak.scaled(10))
    assert ten.over(1.0)[0] == "fanout"
    assert ten.boxes["chat"].utilisation() == pytest.approx(10 * result.boxes["chat"].utilisation())


def test_failing_the_only_message_store_breaks_delivery_and_history():
    result = drill(CHAT, "msgdb", whole=True)
    assert result.verdict == "breaks"
    # write message, history, and — the fan-out worker's jobs failing — delivery and push.
    assert set(result.broken) == {"e6", "e10", "e7", "e8"}
    assert result.broken["e7"] == "fanout" and result.stalled == ["fanout"]
    assert "e2" in result.surviving and "e11" in result.surviving


def test_failing_one_chat_server_degrades_nothing():
    result = drill(CHAT, "chat", whole=False)
    assert result.verdict == "survives" and not result.broken and not result.degraded
    assert result.rest_utilisation == pytest.approx(
        2 * 23_148.148 / (3 * PROFILES["websocket_server"].writes)
    )


def test_losing_one_of_three_message_store_nodes_leaves_too_little_for_the_peak():
    result = drill(CHAT, "msgdb", whole=False)
    assert result.verdict == "degrades"
    assert result.degraded["msgdb"] == pytest.approx(23_148.148 / (2 * PROFILES["nosql_database"].writes))


def test_every_single_failure_of_the_chat_app():
    drills = single_failures(CHAT)
    assert "mobile" not in drills  # a client is every user's device
    assert drills["push"].verdict == "breaks" and set(drills["push"].broken) == {"e8"}
    # named for Apple's and Google's services, the same box is theirs to keep up
    theirs = copy.deepcopy(CHAT)
    next(n for n in theirs["board"]["nodes"] if n["data"]["id"] == "push")["data"]["label"] = (
        "Push (APNs/FCM)"
    )
    assert single_failures(theirs)["push"].verdict == "survives"
    assert drills["users"].verdict == "survives" and drills["users"].failover == "usersr"
    assert drills["lb"].verdict == "survives"


def test_the_slowest_path_sums_sync_arrows_only():
    result = capacity(CHAT)
    assert result.slowest_path == ["mobile", "lb", "api", "media"]
    assert result.latency_ms == sum(
        PROFILES[k].latency_ms for k in ("load_balancer", "service", "object_storage")
    )


# --- the peak, in the candidate's words ----------------------------------------------------------


def test_read_and_write_peaks_by_name():
    peak = find_peak(rows(read_qps="10K", write_qps="1K", peak_read_qps="read_qps * 3", peak_write_qps="3K"))
    assert (peak.reads, peak.writes) == (30_000, 3_000)
    assert peak.read_rows == (2,) and peak.write_rows == (3,)


def test_a_peak_worked_out_from_both_is_split_in_their_ratio():
    peak = find_peak(rows(read_qps="9K", write_qps="1K", peak_qps="(read_qps + write_qps) * 2"))
    assert peak.reads == pytest.approx(18_000) and peak.writes == pytest.approx(2_000)
    assert any("split" in note for note in peak.notes)


def test_a_peak_that_says_nothing_is_reads_and_averages_are_used_with_a_note():
    assert find_peak(rows(peak_qps="5K")).reads == 5_000
    peak = find_peak(rows(redirects_per_second="40K", urls_created_per_second="400"))
    # no peak row: the top of the framework's peak = 2–3× average
    assert (peak.reads, peak.writes) == (120_000, 1_200)
    assert sum("No peak row" in note and "3× the average" in note for note in peak.notes) == 2


def test_rows_the_candidate_picks_win():
    estimates = rows(read_qps="10K", peak_read_qps="30K", spike_read_qps="90K")
    assert find_peak(estimates).reads == 90_000  # the largest peak, and a note naming the others
    assert "peak_read_qps" in " ".join(find_peak(estimates).notes)
    assert find_peak(estimates, read_row="peak_read_qps").reads == 30_000


def test_per_day_figures_are_rates_and_non_rates_are_ignored():
    estimates = [
        {"name": "msgs_per_day", "expr": "1B", "unit": "1/day"},
        {"name": "storage", "expr": "100 GB", "unit": "GB"},
    ]
    assert find_peak(estimates).writes == pytest.approx(3 * 1e9 / 86_400)  # 3×: no peak row


def test_a_stated_hit_ratio_replaces_the_default():
    estimates = rows(peak_read_qps="10K") + [{"name": "cache_hit_ratio", "expr": "95%", "unit": ""}]
    s = session("c:client -> api:service*20 -> cache:cache\napi -> db:sql_database", estimates)
    assert capacity(s).boxes["db"].reads == pytest.approx(500)


# --- routing rules --------------------------------------------------------------------------------


def test_a_router_splits_between_its_targets_and_a_service_calls_each_kind():
    s = session(
        "c:client -> lb:load_balancer -> a:service\nlb -> b:service\na -> db:sql_database\na -> q:queue",
        rows(peak_write_qps="1K"),
    )
    boxes = capacity(s).boxes
    assert boxes["a"].writes == 500 and boxes["b"].writes == 500
    assert boxes["db"].writes == 500 and boxes["q"].writes == 500


def test_boxes_of_one_kind_behind_a_service_share_its_load():
    s = session(
        "c:client -> a:service -> d1:nosql_database\na -> d2:nosql_database", rows(peak_write_qps="1K")
    )
    boxes = capacity(s).boxes
    assert boxes["d1"].writes == 500 and boxes["d2"].writes == 500


def test_labels_say_what_an_arrow_carries_and_replication_copies_writes():
    s = session(
        "c:client -> a:service -[write]-> db:sql_database\na -[read]-> r:read_replica\ndb => r",
        rows(peak_read_qps="8K", peak_write_qps="1K"),
    )
    boxes = capacity(s).boxes
    assert (boxes["db"].reads, boxes["db"].writes) == (0, 1_000)
    assert (boxes["r"].reads, boxes["r"].writes) == (8_000, 1_000)  # its reads, and the copied writes


def test_caches_and_cdns_absorb_their_hit_ratio():
    s = session(
        "c:client -> cdn:cdn -> s3:object_storage\nc -> api:service -> cache:cache -> db:sql_database",
        rows(peak_read_qps="10K"),
    )
    boxes = capacity(s).boxes
    assert boxes["cdn"].reads == 5_000 and boxes["api"].reads == 5_000  # a client picks one way
    assert boxes["s3"].reads == pytest.approx(500)  # 90% served at the edge
    assert boxes["db"].reads == pytest.approx(1_000)  # read-through: 80% hits


def test_an_arrow_back_adds_load_but_is_not_passed_on_again():
    s = session("c:client -> a:service -> q:queue ~> w:worker -> a", rows(peak_write_qps="1K"))
    boxes = capacity(s).boxes
    assert boxes["a"].writes == 2_000 and boxes["q"].writes == 1_000


def test_share_on_an_arrow_and_capacity_on_a_box_override_the_defaults():
    s = session("c:client -> a:service*2 -> n:notification_service", rows(peak_write_qps="10K"))
    s["board"]["edges"][1]["data"]["share"] = 0.1
    s["board"]["nodes"][1]["data"]["capacity"] = {"writes": 10_000}
    boxes = capacity(s).boxes
    assert boxes["n"].writes == pytest.approx(1_000)
    assert boxes["a"].utilisation() == pytest.approx(0.5)
    assert capacity(s, overrides={"notification_service": {"writes": 500}}).boxes["n"].utilisation() == 2.0


def test_no_peak_and_no_client_load_nothing_and_do_not_raise():
    assert capacity(session("", [])).bottleneck is None
    result = capacity(session("a:service -> db:sql_database", rows(peak_qps="1K")))
    assert result.bottleneck is None and any("No client" in n for n in result.notes)


# --- drills -----------------------------------------------------------------------------------------


def test_losing_one_of_two_pool_members_puts_its_share_on_the_other():
    s = session(
        "c:client -> lb:load_balancer*2 -> a:service -> db:nosql_database*3\nlb -> b:service -> db",
        rows(peak_write_qps="1.5K"),
    )
    assert capacity(s).boxes["b"].utilisation() == 0.75
    result = drill(s, "a", whole=True)
    assert result.verdict == "degrades" and result.degraded == {"b": 1.5}
    assert not result.broken  # the load balancer sends a's requests to b, which writes as a did


def test_a_managed_box_or_one_with_a_standby_survives_one_failure():
    s = session(
        "c:client -> api:service*2 -> s3:object_storage!\napi -> db:sql_database\ndb => sb:sql_database"
    )
    assert drill(s, "s3", whole=False).verdict == "survives"
    assert drill(s, "db", whole=False).failover == "sb"
    assert drill(s, "db", whole=True).verdict == "breaks"


def test_paths_and_availability_in_series_and_parallel():
    s = session("c:client -> lb:load_balancer*2 -> api:service")
    assert client_paths(s) == {"e1": ["c", "lb"], "e2": ["c", "lb", "api"]}
    a_lb, a_api = PROFILES["load_balancer"].availability, PROFILES["service"].availability
    expected = (1 - (1 - a_lb) ** 2) * a_api
    assert availability(s, ["c", "lb", "api"]) == pytest.approx(expected)
    assert nines(0.999) == pytest.approx(3.0) and math.isinf(nines(1.0))


def test_every_client_path_to_where_it_ends_least_available_first():
    from designer.capacity import path_availability

    paths = path_availability(CHAT)
    assert [p["arrow"] for p in paths][:2] == ["e8", "e15"]  # the lone push service, then the lone CDN
    ends = {p["arrow"] for p in paths}
    assert "e1" not in ends and {"e6", "e10", "e11", "e12"} <= ends  # paths are judged where they end
    assert paths[0]["nines"] == pytest.approx(nines(paths[0]["availability"]))


def test_a_drill_of_a_box_not_on_the_board_says_so():
    with pytest.raises(KeyError):
        drill(CHAT, "nope")


def test_a_peak_scaled_keeps_its_rows():
    peak = Peak(reads=1.0, writes=2.0, read_rows=(1,), write_rows=(2,))
    assert peak.scaled(10) == Peak(10.0, 20.0, (1,), (2,))


# --- every single failure, against a brute-force walk -------------------------------------------------


def _random_board(seed: int) -> dict:
    import random

    rng = random.Random(seed)
    kinds = [
        "load_balancer",
        "service",
        "service",
        "cache",
        "queue",
        "worker",
        "nosql_database",
        "sql_database",
    ]
    nodes = [{"data": {"id": "c0", "kind": "client"}}, {"data": {"id": "c1", "kind": "client"}}]
    for i in range(rng.randint(3, 25)):
        data = {"id": f"n{i}", "kind": rng.choice(kinds), "replicas": rng.choice([1, 1, 2])}
        nodes.append({"data": data})
    ids = [n["data"]["id"] for n in nodes]
    edges = []
    for i in range(rng.randint(3, 3 * len(ids))):
        source, target = rng.choice(ids), rng.choice(ids[2:])
        mode = rng.choice(["sync", "sync", "async", "replication"])
        edges.append({"data": {"id": f"e{i}", "source": source, "target": target, "label": "", "mode": mode}})
    return {"board": {"nodes": nodes, "edges": edges}, "panels": {"estimates": rows(peak_qps="3K")}}


@pytest.mark.parametrize("seed", range(60))
def test_whole_box_losses_by_dominators_agree_with_walking_the_board_without_the_box(seed):
    from designer.capacity import _alive_reach, _alternative, _Board

    s = _random_board(seed)
    model = _Board(s["board"])
    before = _alive_reach(model, frozenset(), frozenset())
    served = [
        a["id"]
        for a in model.arrows
        if a["source"] in before and a["source"] != a["target"] and a.get("mode", "sync") != "replication"
    ]
    for box in model.nodes:
        if model.kind[box] == "client" or box not in before:
            continue
        result = drill(s, box, whole=True)
        # The definition, walked in full: without the box, and without the workers that call it.
        dead, stalled = frozenset({box}), set()
        while True:
            reach = _alive_reach(model, dead, frozenset(stalled))
            newly = {
                w for w in reach if model.kind[w] == "worker" and w not in stalled
                and any(a.get("mode", "sync") == "sync" and a["target"] == box for a in model.out[w])
            }  # fmt: skip
            if not newly:
                break
            stalled |= newly
        expected = set()
        for arrow_id in served:
            arrow = model.by_id[arrow_id]
            cut = arrow["source"] not in reach and arrow["source"] != box
            touches = box in (arrow["source"], arrow["target"])
            if (
                cut
                or (touches and not _alternative(model, arrow, box, reach.__contains__))
                or arrow["source"] in stalled
            ):
                expected.add(arrow_id)
        assert set(result.broken) == expected, (seed, box)
        assert list(result.broken) == [a for a in served if a in expected]  # in board order


def test_past_the_exact_size_the_survivors_of_a_split_take_the_lost_boxs_share(monkeypatch):
    import designer.capacity as capacity_module

    s = session(
        "c:client -> lb:load_balancer*2 -> a:service -> db:nosql_database*3\nlb -> b:service -> db\nlb -> x:service -> db",
        rows(peak_write_qps="2.4K"),
    )
    exact = drill(s, "a", whole=True)
    monkeypatch.setattr(capacity_module, "EXACT_UP_TO", 0)
    first_order = drill(s, "a", whole=True)
    assert exact.degraded == first_order.degraded == {"b": pytest.approx(1.2), "x": pytest.approx(1.2)}


def test_boxes_that_grow_with_their_load_are_reported_not_judged():
    s = session(
        "c:client -> dns:dns\nc -> cdn:cdn -> s3:object_storage!\nc -> api:service -[upload]-> s3\n"
        "api -> q:queue ~> w:worker",
        rows(peak_write_qps="50K"),
    )
    s["board"]["nodes"][-1]["data"]["label"] = "Thumbnailers (auto-scaling group)"
    result = capacity(s)
    assert {b for b in result.boxes if result.boxes[b].elastic} == {"dns", "cdn", "s3", "w"}
    assert result.over(0.7) == ["api", "q"]  # S3 at 50K writes/s on "one instance" is not a finding
    assert result.bottleneck == "api"
    assert drill(s, "cdn", whole=False).verdict == "survives"
    # A box that states its own capacity is held to it, managed or not; a CDN said not to be managed
    # is one box.
    s["board"]["nodes"][3]["data"]["capacity"] = {"writes": 20_000}
    s["board"]["nodes"][2]["data"]["managed"] = False
    again = capacity(s)
    assert "s3" in again.over(0.7) and not again.boxes["cdn"].elastic


def test_a_box_already_past_its_capacity_is_degraded_by_a_failure_too():
    # So that taking replicas away never turns a failed drill into a pass.
    from designer.checks.base import SessionView
    from designer.checks.registry import get_check

    check = get_check("scale.survives_single_failure")
    over = session(
        "c:client -> lb:load_balancer*2 -> api:service*2 -> db:nosql_database*3", rows(peak_write_qps="5K")
    )
    assert drill(over, "api", whole=False).degraded == {"api": 5.0}
    findings = [f for f in check.run(SessionView(over), check.params()) if not f.passed]
    assert [(f.message, f.data["name"], f.data["utilisation"]) for f in findings] == [
        ("degrades", "api", "500%")
    ]


def test_a_rate_one_box_handles_is_not_the_systems_peak():
    # "max_qps_per_server = 1K" says what one server takes: it was read as the peak, so a design
    # for 10K/s was loaded with 1K/s and passed
    peak = find_peak(rows(read_qps="10K", max_qps_per_server="1K", writes_per_node="500"))
    assert (peak.reads, peak.writes, peak.read_rows) == (30_000, 0, (0,))  # 3× read_qps: no peak row
    peak = find_peak(rows(write_qps="10K", peak_write_qps="write_qps * 3", qps_per_instance="2K"))
    assert peak.writes == 30_000


def test_an_average_that_says_nothing_is_reads_as_a_peak_that_says_nothing_is():
    # "qps = 10K" alone was no load at all ("the estimates give no peak rate"), though "peak_qps =
    # 10K" alone is reads: the average is used, with the note asking for a peak row
    peak = find_peak(rows(qps="10K"))
    assert (peak.reads, peak.writes) == (30_000, 0)
    assert any("No peak row" in note and "qps" in note for note in peak.notes)
    # it never overrides what a row says it is
    peak = find_peak(rows(qps="10K", write_qps="2K", peak_write_qps="write_qps * 3"))
    assert (peak.reads, peak.writes) == (30_000, 6_000)
    assert find_peak(rows(avg_qps="10K", read_qps="3K")).reads == 9_000
