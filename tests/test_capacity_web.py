"""The capacity view in the workspace: the board at its own peak, a drill, recomputed after a save."""

import io
import json
import re

HX = {"HX-Request": "true"}


def imported(web, session: dict) -> str:
    response = web.post(
        "/sessions/import", data={"file": (io.BytesIO(json.dumps(session).encode()), "s.json")}
    )
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


def data_of(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="capacity-data">(.*?)</script>', page, re.S)
    assert match, page
    return json.loads(match.group(1))


def test_the_view_names_the_peak_the_bottleneck_and_each_boxs_utilisation(web, chat_session_file):
    session_id = imported(web, chat_session_file)
    page = web.get(f"/s/{session_id}/capacity", headers=HX).get_data(as_text=True)
    assert "Peak: 0 reads, 23.1K /s writes (from <code>peak_qps</code> = 23.1K /s)." in page
    assert (
        "<strong>Bottleneck: Fan-out workers</strong>" in page and "holds about\n    0.17× your peak" in page
    )
    assert "Slowest path: Mobile app → Load balancer → API service → S3: media,\n    71 ms." in page
    row = re.search(r'<tr class="cap-over" data-box="fanout">.*?</tr>', page, re.S).group(0)
    assert "579%" in row and "4K /s r / 4K /s w" in row
    assert (
        "Least available client path: Mobile app → Load balancer → Chat servers → Kafka: message stream"
        in page
    )
    assert "(notify offline recipient),\n      99.497% (2.3 nines)</summary>" in page
    data = data_of(page)
    assert data["bottleneck"] == "fanout"
    assert dict(zip(data["ids"], data["verdicts"], strict=True))["msgdb"] == "hot"


def test_a_drill_lists_the_broken_paths_and_survives_a_box_that_is_gone(web, chat_session_file):
    session_id = imported(web, chat_session_file)
    page = web.get(f"/s/{session_id}/capacity?fail=msgdb", headers=HX).get_data(as_text=True)
    assert "Cassandra: messages fails: it breaks." in page
    assert (
        "Broken: Mobile app → Load balancer → Chat servers → Kafka: message stream → Fan-out workers → "
        "Chat servers (deliver to online recipient): Fan-out workers stops" in page
    )
    assert set(data_of(page)["broken"]) == {"e6", "e7", "e8", "e10"}
    one = web.get(f"/s/{session_id}/capacity?fail=chat&instance=1&times=10", headers=HX).get_data(
        as_text=True
    )
    assert "One instance of Chat servers fails: it degrades." in one and "Capacity at 10× your peak" in one
    gone = web.get(f"/s/{session_id}/capacity?fail=nope&times=-3", headers=HX).get_data(as_text=True)
    assert "There is no box &#39;nope&#39; on the board any more: nothing is failed." in gone
    assert "The peak multiple must be a number above 0 and at most 1000: showing 1×." in gone
    assert "fails: it" not in gone


def test_the_view_follows_a_save_and_escapes_what_the_candidate_typed(web, chat_session_file):
    session_id = imported(web, chat_session_file)
    board = chat_session_file["board"]
    next(n for n in board["nodes"] if n["data"]["id"] == "fanout")["data"].update(
        replicas=40, label="<script>alert(1)</script> workers"
    )
    revision = web.get(f"/api/sessions/{session_id}").headers["ETag"].strip('"')
    saved = web.put(f"/api/sessions/{session_id}/board", json=board, headers={"If-Match": str(revision)})
    assert saved.status_code == 200, saved.get_json()
    page = web.get(f"/s/{session_id}/capacity", headers=HX).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; workers" in page
    assert data_of(page)["bottleneck"] == "push"  # 40 workers now carry it; the lone push service can't


def test_a_rubrics_figures_are_the_views(web, chat_session_file, monkeypatch):
    import designer.web.workspace as workspace

    session_id = imported(web, chat_session_file)
    monkeypatch.setattr(workspace, "rubric_settings", lambda rubric: ({"worker": {"writes": 100_000}}, 0.5))
    data = data_of(web.get(f"/s/{session_id}/capacity", headers=HX).get_data(as_text=True))
    assert data["bottleneck"] == "push"


def test_the_report_the_review_and_the_exports_show_the_capacity_and_every_single_failure(
    web, chat_session_file
):
    session_id = imported(web, chat_session_file)
    for url in (f"/s/{session_id}/report", f"/s/{session_id}/review", f"/s/{session_id}/review.html"):
        page = web.get(url).get_data(as_text=True)
        assert "<strong>Bottleneck: Fan-out workers</strong>" in page, url
        assert re.search(r'<tr class="cap-over" data-box="fanout">.*?579%', page, re.S), url
        # every single failure, as scale.survives_single_failure reads them
        assert re.search(
            r"<th scope=\"row\">Push service</th><td>breaks</td>\s*<td>stops notify offline recipient",
            page,
        ), url
        assert "One instance of Chat servers</th><td>survives</td>" in page, url
    markdown = web.get(f"/s/{session_id}/review.md").get_data(as_text=True)
    assert "## Capacity" in markdown
    assert "Bottleneck: **Fan-out workers** at 579%; the design holds about 0.17× its peak." in markdown
    assert "| Fan-out workers ×4 | 23.1K /s | 4K /s r / 4K /s w | 579% | over |" in markdown
    assert "| Push service | breaks | stops notify offline recipient |" in markdown
    assert "| One instance of Cassandra: messages | degrades | Cassandra: messages at 116% |" in markdown


def test_the_reviews_drill_keeps_every_single_failure_in_view(web, chat_session_file):
    session_id = imported(web, chat_session_file)
    review = web.get(f"/s/{session_id}/review").get_data(as_text=True)
    assert '<input type="hidden" name="failures" value="1">' in review
    drilled = web.get(f"/s/{session_id}/capacity?fail=msgdb&failures=1", headers=HX).get_data(as_text=True)
    assert "Cassandra: messages fails: it breaks." in drilled and "Any one failure" in drilled
    assert "Any one failure" not in web.get(f"/s/{session_id}/capacity", headers=HX).get_data(as_text=True)


def test_the_candidate_picks_the_rows_the_peak_is_read_from(web, chat_session_file):
    session_id = imported(web, chat_session_file)
    page = web.get(f"/s/{session_id}/capacity?write_row=write_qps", headers=HX).get_data(as_text=True)
    assert "Peak: 0 reads, 11.6K /s writes (from <code>write_qps</code> = 11.6K /s)." in page
    assert '<option value="write_qps" selected>write_qps</option>' in page
    page = web.get(f"/s/{session_id}/capacity?read_row=msgs_per_day", headers=HX).get_data(as_text=True)
    assert "Peak: 11.6K /s reads, 23.1K /s writes" in page  # messages a day, read as reads if you say so
    gone = web.get(f"/s/{session_id}/capacity?write_row=nope", headers=HX).get_data(as_text=True)
    assert "There is no rate row &#39;nope&#39; in the estimates any more" in gone
    assert "Peak: 0 reads, 23.1K /s writes" in gone
