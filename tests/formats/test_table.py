"""designer.formats.FORMATS is the one table of formats: the CLI, the routes, the export menu and the
file pickers all read it, and the reader of an ending two formats share is picked by its content."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from designer.cli import cli
from designer.errors import DesignerError
from designer.formats import EXPORTS, FORMATS, IMPORTABLE, import_upload, read_diagram
from designer.formats.drawio import write_drawio

DATA = Path(__file__).resolve().parents[1] / "data"


def _start(web) -> str:
    return web.post("/sessions", data={"problem": "chat-app"}).headers["Location"].rsplit("/", 1)[1]


def test_every_reading_format_reads_its_endings_and_every_writer_has_an_ending():
    assert {s for f in FORMATS for s in f.reads} == set(IMPORTABLE)
    assert all(s.startswith(".") and s == s.lower() for s in IMPORTABLE)
    assert set(EXPORTS) == {f.writes for f in FORMATS if f.write}
    assert len({f.id for f in FORMATS}) == len(FORMATS)


def test_the_file_pickers_accept_exactly_what_the_importers_read(web):
    accepts = set()
    for page in (web.get("/"), web.get(f"/s/{_start(web)}?step=high_level")):
        accepts |= set(re.findall(r'type="file" name="file" accept="([^"]+)"', page.get_data(as_text=True)))
    assert accepts == {",".join(IMPORTABLE), ".json," + ",".join(IMPORTABLE)}


def test_the_export_menu_offers_each_writer_under_its_label(web):
    page = web.get(f"/s/{_start(web)}").get_data(as_text=True)
    menu = page.split('<details class="export-menu">')[1].split("</details>")[0]
    offered = re.findall(r'board\.([a-z]+)" hx-boost="false" download>([^<]+)</a>', menu)
    assert offered == [(ending, f.label) for ending, f in EXPORTS.items()]


@pytest.mark.parametrize("ending", list(EXPORTS))
def test_each_export_is_served_with_its_content_type(web, ending):
    response = web.get(f"/s/{_start(web)}/board.{ending}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == EXPORTS[ending].content_type


def test_the_cli_offers_the_same_exports(tmp_path):
    help_text = CliRunner().invoke(cli, ["export", "--help"]).output
    assert f"[{'|'.join(EXPORTS)}]" in help_text


def test_an_svg_with_an_excalidraw_scene_is_excalidraws_and_any_other_svg_is_drawios():
    scene = read_diagram("board.svg", (DATA / "excalidraw" / "random.excalidraw.svg").read_bytes())
    assert sorted(n["data"]["label"] for n in scene.board["nodes"]) == ["Other", "Other", "dfdf", "random"]
    mxfile = write_drawio(
        {"nodes": [{"data": {"id": "db", "label": "Orders DB", "kind": "sql_database"}}], "edges": []}
    )
    drawio_svg = f'<svg xmlns="http://www.w3.org/2000/svg" content="{html.escape(mxfile)}"></svg>'.encode()
    board = read_diagram("board.svg", drawio_svg).board
    assert [(n["data"]["label"], n["data"]["kind"]) for n in board["nodes"]] == [
        ("Orders DB", "sql_database")
    ]


def test_an_ending_nothing_reads_names_the_ones_that_are_read():
    with pytest.raises(
        DesignerError, match=r"^board\.vsdx: no importer reads \.vsdx; the importers read \.drawio"
    ):
        read_diagram("board.vsdx", b"")


def test_an_upload_that_is_not_text_is_named_and_its_place_given():
    with pytest.raises(DesignerError) as refused:
        import_upload("board.mmd", b"graph LR\n A --> B \xff\xfe")
    assert str(refused.value) == "board.mmd: the file is not UTF-8 text (line 2: invalid start byte)"


def test_an_upload_with_a_byte_order_mark_and_windows_line_endings_reads(web):
    data = "\ufeffgraph LR\r\n  lb[Load balancer] --> api[API]\r\n".encode()
    page = web.post("/sessions/import", data={"file": (io.BytesIO(data), "board.mmd")})
    assert page.status_code == 200 and page.get_data(as_text=True).count('aria-label="Kind of ') == 2


@pytest.mark.parametrize("ending", [".mmd", ".drawio", ".excalidraw"])
def test_an_export_reads_back_with_each_boxs_managed_flag_and_notes(ending):
    """ "Each reads back into the same board": what the side editor holds of a box goes through the
    file too, not only its kind and replicas (a managed database no single point of failure, its
    notes the candidate's own words; notes with ; = % and line breaks, which styles and comments
    would otherwise break on)."""
    from designer.formats import export_board

    board = {
        "nodes": [
            {"data": {"id": "c", "kind": "client", "label": "App", "replicas": 1}},
            {
                "data": {
                    "id": "db",
                    "kind": "sql_database",
                    "label": "Orders",
                    "replicas": 1,
                    "managed": True,
                    "notes": 'primary; eu-west-1 = 100% "hot"\nstandby in b',
                }
            },
            {"data": {"id": "api", "kind": "service", "label": "API", "replicas": 3, "managed": False}},
        ],
        "edges": [{"data": {"id": "e1", "source": "c", "target": "db", "label": "x", "mode": "sync"}}],
    }
    back = read_diagram(f"board{ending}", export_board(board, ending.lstrip(".")).encode()).board
    got = {n["data"]["id"]: n["data"] for n in back["nodes"]}
    assert got["db"]["managed"] is True and got["db"]["notes"] == board["nodes"][1]["data"]["notes"]
    assert "managed" not in got["api"] and "notes" not in got["api"] and "managed" not in got["c"]
