"""Storage on SQLite and PostgreSQL: revisions, optimistic locking, import/export, submit."""

import os
import threading
import time

import pytest
from sqlalchemy import text

import designer.db
from designer.db import current_revision
from designer.errors import NotFound, SessionClosed, SessionFormatError, StaleRevision
from tests.conftest import POSTGRES_URL, head_revision

BOARD = {
    "nodes": [{"data": {"id": "c", "kind": "client", "label": "App"}, "position": {"x": 1, "y": 2}}],
    "edges": [],
}


def test_migrations_ran(store):
    assert current_revision(store.engine) == head_revision()


def test_a_new_session_starts_at_revision_1_in_requirements(store):
    row = store.create("chat-app", mode="interview")
    assert row.revision == 1
    assert row.mode == "interview"
    assert row.steps == [{"step": "requirements", "at": 0}]
    assert len(row.id) >= 20  # unguessable: 128 bits, URL-safe


def test_every_save_is_a_revision_and_history_keeps_them(store):
    row = store.create("chat-app")
    assert store.save_board(row.id, BOARD, based_on=1).revision == 2
    assert store.save_panel(row.id, "requirements", {"functional": ["Send"]}, based_on=2).revision == 3
    revisions = store.revisions(row.id)
    assert [r.number for r in revisions] == [1, 2, 3]
    assert [r.change for r in revisions] == ["start", "board", "panels.requirements"]
    assert revisions[1].board["nodes"][0]["data"]["label"] == "App"
    assert revisions[1].panels["requirements"]["functional"] == []
    exported = store.to_file(store.get(row.id))
    assert [len(h["board"]["nodes"]) for h in exported["history"]] == [0, 1, 1]
    assert exported["panels"]["requirements"]["functional"] == ["Send"]


def test_a_stale_save_is_refused_and_the_newest_revision_stays(store):
    row = store.create("chat-app")
    store.save_panel(row.id, "requirements", {"functional": ["Theirs"]}, based_on=1)
    with pytest.raises(StaleRevision) as info:
        store.save_panel(row.id, "requirements", {"functional": ["Lost?"]}, based_on=1)
    assert info.value.current == 2
    assert store.get(row.id).panels["requirements"]["functional"] == ["Theirs"]


def test_a_page_far_behind_is_refused_only_for_a_part_changed_since_it_last_saw_it(store):
    # The rule is counted in the database (each database's own NULL and LIKE), over many revisions.
    row = store.create("chat-app")
    revision = store.save_panel(row.id, "api", [], based_on=1, change_id="mine-1").revision
    for _ in range(300):  # another tab draws
        revision = store.save_board(row.id, BOARD, based_on=revision).revision
    # the board changed since revision 1; requirements and api did not (api only by this page)
    with pytest.raises(StaleRevision):
        store.save_board(row.id, BOARD, based_on=1)
    with pytest.raises(StaleRevision):  # replacing one's own change doesn't hide another tab's
        store.save_board(row.id, BOARD, based_on=1, replaces=frozenset({"mine-1"}))
    saved = store.save_panel(row.id, "requirements", {"functional": ["Send"]}, based_on=1)
    assert saved.revision == revision + 1
    with pytest.raises(StaleRevision):  # its own earlier api change, unanswered, not named
        store.save_panel(row.id, "api", [], based_on=1)
    saved = store.save_panel(row.id, "api", [], based_on=1, replaces=frozenset({"mine-1", "x"}))
    assert saved.revision == revision + 2
    store.restore(row.id, 1, based_on=saved.revision)  # rewrites every panel: a change to each
    with pytest.raises(StaleRevision):
        store.save_panel(row.id, "detailed", [], based_on=saved.revision)


def test_of_two_concurrent_saves_on_one_revision_exactly_one_wins(store):
    row = store.create("chat-app")
    outcomes = []
    barrier = threading.Barrier(2)

    def save(label):
        barrier.wait()
        try:
            store.save_panel(row.id, "requirements", {"functional": [label]}, based_on=1)
            outcomes.append("saved")
        except StaleRevision:
            outcomes.append("stale")

    threads = [threading.Thread(target=save, args=(name,)) for name in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["saved", "stale"]
    assert store.get(row.id).revision == 2
    assert len(store.revisions(row.id)) == 2


def test_an_invalid_save_keeps_the_last_good_revision(store):
    row = store.create("chat-app")
    store.save_board(row.id, BOARD, based_on=1)
    bad = {"nodes": [{"data": {"id": "x", "kind": "blob"}}], "edges": []}
    with pytest.raises(SessionFormatError):
        store.save_board(row.id, bad, based_on=2)
    assert store.get(row.id).revision == 2
    assert store.get(row.id).board["nodes"][0]["data"]["id"] == "c"


def test_restore_adds_a_revision_and_deletes_none(store):
    row = store.create("chat-app")
    store.save_board(row.id, BOARD, based_on=1)
    assert store.restore(row.id, 1, based_on=2).revision == 3
    assert store.get(row.id).board["nodes"] == []
    assert [r.change for r in store.revisions(row.id)] == ["start", "board", "restore 1"]


def test_steps_are_recorded_once_per_change(store):
    row = store.create("chat-app")
    store.enter_step(row.id, "estimates")
    store.enter_step(row.id, "estimates")
    row = store.enter_step(row.id, "requirements")
    assert [s["step"] for s in row.steps] == ["requirements", "estimates", "requirements"]
    with pytest.raises(SessionFormatError):
        store.enter_step(row.id, "lunch")


def test_step_changes_and_saves_from_two_threads_lose_nothing(store):
    # A step change used to write only if nothing had changed since it read the session, so an
    # autosave landing in between made it record nothing, silently.
    row = store.create("chat-app")
    order = ["estimates", "api", "high_level", "database", "detailed", "scale", "wrap_up", "requirements"] * 3

    def save():
        for i in range(60):
            store.save_panel(row.id, "requirements", {"functional": [f"line {i}"]}, based_on=None)

    saver = threading.Thread(target=save)
    saver.start()
    for step in order:
        store.enter_step(row.id, step)
    saver.join()
    assert [s["step"] for s in store.get(row.id).steps] == ["requirements", *order]


def test_submit_makes_the_session_read_only(store):
    row = store.create("chat-app")
    store.submit(row.id)
    with pytest.raises(SessionClosed):
        store.save_board(row.id, BOARD, based_on=1)
    assert store.get(row.id).status == "submitted"


def test_import_keeps_history_steps_and_unknown_keys(store, chat_session_file):
    raw = {**chat_session_file, "x_future": [1, 2]}
    row = store.import_file(raw)
    assert row.revision == len(chat_session_file["history"])  # its last snapshot is its board and panels
    out = store.to_file(row)
    assert out["x_future"] == [1, 2]
    assert out["steps"] == chat_session_file["steps"]
    assert [h["at"] for h in out["history"]] == [h["at"] for h in chat_session_file["history"]]
    assert out["board"]["nodes"][1]["data"]["label"] == "Load balancer"
    assert store.elapsed(row) >= 2460  # the clock carries on from the imported steps


def test_a_download_imported_again_downloads_the_same_history(store):
    """A session's file, imported and downloaded again, has the same history: the import adds no
    snapshot of its own when the file's last snapshot is already its board and panels (as every
    download's is), so export → import → export is a fixed point, however often it is repeated."""
    row = store.create("chat-app")
    revision = store.save_board(row.id, BOARD, based_on=1).revision
    revision = store.save_panel(row.id, "requirements", {"functional": ["Send"]}, based_on=revision).revision
    first = store.to_file(store.get(row.id))
    assert len(first["history"]) == 3
    again = store.to_file(store.import_file(first))
    twice = store.to_file(store.import_file(again))
    for out in (again, twice):
        assert out["history"] == first["history"]
        for part in ("board", "panels", "steps"):
            assert out[part] == first[part]
        assert out["meta"]["revision"] == len(first["history"])


def test_an_imported_file_whose_board_moved_on_since_its_last_snapshot_keeps_both(store, chat_session_file):
    """A file written by hand or another tool may hold a board its history never saw: the import
    keeps that board as a newest snapshot of its own, after the file's."""
    raw = {**chat_session_file, "board": {"nodes": [], "edges": []}}
    out = store.to_file(store.import_file(raw))
    assert len(out["history"]) == len(chat_session_file["history"]) + 1
    assert out["history"][-1]["board"] == {"nodes": [], "edges": []}
    assert out["history"][-2]["board"] == chat_session_file["history"][-1]["board"]


def test_an_unknown_session_is_not_found(store):
    with pytest.raises(NotFound, match="doesn't exist"):
        store.get("nope")


def test_board_text_fast_path_keeps_the_same_promises(store):
    import json as _json

    row = store.create("chat-app")
    text = _json.dumps(BOARD, ensure_ascii=False)
    saved = store.save_board_json(row.id, text, based_on=1)
    assert saved.revision == 2
    fresh = store.get(row.id)
    assert fresh.board == BOARD
    assert fresh.updated_at is not None and fresh.revision == 2
    revisions = store.revisions(row.id)
    assert [(r.number, r.change) for r in revisions] == [(1, "start"), (2, "board")]
    assert revisions[1].board == BOARD and revisions[1].panels["requirements"]["functional"] == []
    assert revisions[1].at >= 0 and revisions[1].created_at is not None
    with pytest.raises(StaleRevision) as info:
        store.save_board_json(row.id, text, based_on=1)
    assert info.value.current == 2
    store.submit(row.id)
    with pytest.raises(SessionClosed):
        store.save_board_json(row.id, text, based_on=2)
    with pytest.raises(NotFound):
        store.save_board_json("nope", text, based_on=1)


def test_one_revision_read_alone_equals_the_history_filled_forward(store, chat_session_file):
    row = store.import_file(chat_session_file)
    revision = row.revision
    for i in range(4):  # boards and panels saved in turns, so revisions store one or the other
        board = {"nodes": [{"data": {"id": f"b{i}", "kind": "cache", "label": f"C{i}"}}], "edges": []}
        revision = store.save_board(row.id, board, revision).revision
        panel = {"functional": [f"F{i}"], "non_functional": [], "questions": [], "out_of_scope": []}
        revision = store.save_panel(row.id, "requirements", panel, revision).revision
    history = store.revisions(row.id)
    assert len(history) == revision
    for expected in history:
        alone = store.revision(row.id, expected.number)
        assert (alone.number, alone.at, alone.change, alone.board, alone.panels) == (
            expected.number,
            expected.at,
            expected.change,
            expected.board,
            expected.panels,
        )
    assert [r["number"] for r in store.revision_list(row.id)] == [r.number for r in history]


def test_a_postgresql_connection_that_died_while_idle_in_the_pool_is_replaced_unseen(
    postgres_schema_url, monkeypatch
):
    """No ping on every checkout (it cost the autosave a round trip): a connection idle longer than
    IDLE_BEFORE_PING is pinged, and one found dead is replaced before the request sees it."""
    engine = designer.db.make_engine(postgres_schema_url(), pool_size=1, max_overflow=0)
    killer = designer.db.make_engine(POSTGRES_URL)
    try:
        with engine.connect() as conn:
            first = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with engine.connect() as conn:  # busy: the same connection, no ping
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar_one() == first
        with killer.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        monkeypatch.setattr(designer.db, "IDLE_BEFORE_PING", 0.0)  # it has now been idle "long enough"
        with engine.connect() as conn:
            second = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
        assert second != first
    finally:
        engine.dispose()
        killer.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # a PostgreSQL setting
def test_boards_and_panels_are_compressed_with_lz4_on_postgresql(store):
    """Each autosave writes the board twice; lz4 compresses it in a fraction of pglz's time."""
    with store.engine.connect() as conn:
        offered = conn.execute(
            text("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        ).scalar()
        methods = conn.execute(
            text(
                "SELECT attrelid::regclass::text || '.' || attname, attcompression FROM pg_attribute "
                "WHERE attrelid IN ('sessions'::regclass, 'revisions'::regclass) AND attname IN ('board', 'panels')"
            )
        ).all()
    assert len(methods) == 4
    assert {method for _, method in methods} == ({"l"} if offered else {""}), methods


def _backend(connections):
    with connections.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _alive(killer, pid):
    with killer.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid}).scalar()


def test_the_autosave_s_own_postgresql_connections_are_one_per_thread_replaced_when_dead_and_closed_on_dispose(
    postgres_schema_url, monkeypatch
):
    """The autosave's statement skips the pool (designer.db.AutocommitConnections); its connections
    must still behave as the pool's do: found dead after idling, replaced unseen; dead under a
    statement, that statement fails and the next one works; gone when the engine is disposed."""
    import psycopg

    engine = designer.db.make_engine(postgres_schema_url())
    killer = designer.db.make_engine(POSTGRES_URL)
    connections = designer.db.AutocommitConnections(engine)
    try:
        first = _backend(connections)
        assert _backend(connections) == first  # busy: the same connection, no ping
        elsewhere: list[int] = []
        thread = threading.Thread(target=lambda: elsewhere.append(_backend(connections)))
        thread.start()
        thread.join()
        assert elsewhere and elsewhere[0] != first  # each thread its own

        with killer.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        monkeypatch.setattr(designer.db, "IDLE_BEFORE_PING", 0.0)  # idle "long enough": pinged
        second = _backend(connections)
        assert second != first

        monkeypatch.setattr(designer.db, "IDLE_BEFORE_PING", 3600.0)  # not pinged: the statement fails
        with killer.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": second})
        with pytest.raises(psycopg.OperationalError):
            _backend(connections)
        third = _backend(connections)
        assert third not in (first, second)

        engine.dispose()
        deadline = time.monotonic() + 5
        while (_alive(killer, third) or _alive(killer, elsewhere[0])) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(killer, third) and not _alive(killer, elsewhere[0])
        assert _backend(connections) not in (first, second, third)  # and a new one when needed again
    finally:
        connections.close()
        engine.dispose()
        killer.dispose()


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_an_autosave_after_its_postgresql_connection_died_while_idle_is_saved(store, monkeypatch):
    row = store.create("chat-app")
    text_ = '{"nodes": [], "edges": []}'
    assert store.save_board_json(row.id, text_, 1).revision == 2
    killer = designer.db.make_engine(POSTGRES_URL)
    try:
        with killer.connect() as conn:
            killed = conn.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE pid <> pg_backend_pid() AND query LIKE '%INSERT INTO revisions%' "
                    "AND query LIKE '%WITH saved AS%'"
                )
            ).scalar()
        assert killed == 1  # the save's own connection, idle since
    finally:
        killer.dispose()
    monkeypatch.setattr(designer.db, "IDLE_BEFORE_PING", 0.0)
    assert store.save_board_json(row.id, text_, 2).revision == 3
    assert store.get(row.id).revision == 3


def test_a_forked_process_opens_its_own_autosave_connection_and_leaves_its_parent_s_alone(
    postgres_schema_url,
):
    """A child closing what it inherited would end the parent's session on the socket they share."""
    engine = designer.db.make_engine(postgres_schema_url())
    connections = designer.db.AutocommitConnections(engine)
    try:
        parent = _backend(connections)
        child = os.fork()
        if child == 0:  # the child: its own connection, then close all it knows of, then go
            try:
                ok = _backend(connections) != parent
                connections.close()
            except BaseException:  # noqa: BLE001 - any failure is the child's exit code
                ok = False
            os._exit(0 if ok else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert _backend(connections) == parent  # still open, still the same session
    finally:
        connections.close()
        engine.dispose()
