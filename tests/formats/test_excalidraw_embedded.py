"""Scenes embedded in Excalidraw's SVG and PNG exports, read from real exports and from damaged ones."""

import base64
import contextlib
import json
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.formats import import_board
from designer.formats.excalidraw import (
    MAX_BYTES,
    ExcalidrawError,
    has_embedded_scene,
    scene_from_png,
    scene_from_svg,
    write_excalidraw,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "excalidraw"
BOARD = {
    "nodes": [
        {"data": {"id": "app", "kind": "client", "label": "Phone"}, "position": {"x": 0, "y": 0}},
        {"data": {"id": "kv", "kind": "cache", "label": "Redis"}, "position": {"x": 300, "y": 0}},
    ],
    "edges": [{"data": {"id": "e1", "source": "app", "target": "kv", "label": "get", "mode": "sync"}}],
}


def svg_with(payload: str, version: str | None = "2") -> str:
    version_comment = f"<!-- payload-version:{version} -->" if version else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg"><!-- svg-source:excalidraw -->'
        f"<!-- payload-type:application/vnd.excalidraw+json -->{version_comment}"
        f"<!-- payload-start -->{payload}<!-- payload-end --></svg>"
    )


def wrapped(scene_text: str, compressed: bool = True) -> str:
    """Excalidraw's encode(): a JSON wrapper whose "encoded" is a byte string (one char per byte)."""
    data = zlib.compress(scene_text.encode("utf-8")) if compressed else scene_text.encode("utf-8")
    return json.dumps(
        {"version": "1", "encoding": "bstring", "compressed": compressed, "encoded": data.decode("latin-1")}
    )


def png_with(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for chunk_type, body in chunks:
        out += (
            struct.pack(">I4s", len(body), chunk_type)
            + body
            + struct.pack(">I", zlib.crc32(chunk_type + body))
        )
    return out


def test_a_real_svg_export_gives_its_boxes_and_bound_arrows():
    result = import_board(DATA / "random.excalidraw.svg")
    labels = sorted(n["data"]["label"] for n in result.board["nodes"])
    assert labels == ["Other", "Other", "dfdf", "random"]  # two bare rectangles, a diamond and an ellipse
    assert [(e["data"]["source"], e["data"]["target"]) for e in result.board["edges"]] == [
        ("9MqXuwjHOEXsGmXoiwuMg", "Um7yk56s9L5HONkz-ih6o")
    ] * 2
    assert len({e["data"]["id"] for e in result.board["edges"]}) == 2
    assert result.warnings == [
        "the arrow K6k-nYnhFlHZF5aI4uYa8 was left out: both its ends must be bound to a box"
    ]


def test_a_real_png_export_gives_the_scene_from_its_text_chunk():
    result = import_board(DATA / "random-with-scene.png")
    assert sorted(n["data"]["label"] for n in result.board["nodes"]) == ["Other", "Other", "random"]
    assert len(result.board["edges"]) == 2


def test_a_real_scene_of_free_text_alone_has_no_components():
    result = import_board(DATA / "hello-export-with-scene.svg")
    assert result.board == {"nodes": [], "edges": []}


def test_a_real_excalidraw_file_labels_boxes_by_bound_and_typed_on_text():
    result = import_board(DATA / "jetbrains-plugin-demo.excalidraw")
    labels = [n["data"]["label"] for n in result.board["nodes"]]
    # 9 shapes: one bare shape with no arrow is decoration, left out with a note
    assert len(labels) == 8 and len(result.board["edges"]) == 3
    assert "Excalidraw component" in labels
    assert labels.count("handle by message type") == 2
    # the big frame around other boxes does not take their labels: each text labels one box
    assert sum("Excalidraw component" in label for label in labels) == 1
    assert result.warnings[-1] == "1 unlabelled shape with no arrow was left out as decoration"
    assert len(result.warnings) == 4 and all("both its ends must be bound" in w for w in result.warnings[:3])


@pytest.mark.parametrize("compressed", [True, False])
def test_our_scene_embedded_as_excalidraw_does_comes_back_exactly(compressed):
    scene = write_excalidraw(BOARD)
    payload = base64.b64encode(wrapped(scene, compressed).encode("latin-1")).decode()
    assert json.loads(scene_from_svg(svg_with(payload))) == json.loads(scene)
    png = png_with(
        [
            (b"IHDR", b"\0" * 13),
            (b"tEXt", b"application/vnd.excalidraw+json\0" + wrapped(scene, compressed).encode("latin-1")),
            (b"IEND", b""),
        ]
    )
    assert json.loads(scene_from_png(png)) == json.loads(scene)


def test_version_1_and_legacy_payloads_are_read():
    scene = write_excalidraw(BOARD)
    version_1 = base64.b64encode(wrapped(scene, False).encode("utf-8")).decode()
    assert json.loads(scene_from_svg(svg_with(version_1, version=None)))["type"] == "excalidraw"
    legacy = base64.b64encode(scene.encode("utf-8")).decode()  # the scene itself, no wrapper
    assert json.loads(scene_from_svg(svg_with(legacy, version="1")))["source"] == "designer"


def test_a_drawio_svg_is_not_mistaken_for_an_excalidraw_export():
    assert not has_embedded_scene('<svg content="&lt;mxfile&gt;"></svg>')
    with pytest.raises(ExcalidrawError, match="carries no Excalidraw scene"):
        scene_from_svg("<svg></svg>")


@pytest.mark.parametrize(
    "svg, message",
    [
        (svg_with("not base64!"), "not valid base64"),
        (svg_with("x").replace("payload-end", "end"), "no payload-start"),
        (svg_with("AAAA"), "not valid JSON"),
        (svg_with(base64.b64encode(b'{"encoded": "x", "encoding": "utf16"}').decode()), "encoding 'utf16'"),
        (
            svg_with(
                base64.b64encode(b'{"encoded": "xx", "encoding": "bstring", "compressed": true}').decode()
            ),
            "can't be inflated",
        ),
        (svg_with(base64.b64encode(b"[1, 2]").decode()), "not a JSON object"),
    ],
)
def test_a_damaged_svg_payload_says_what_is_wrong(svg, message):
    with pytest.raises(ExcalidrawError, match=message):
        scene_from_svg(svg)


def test_a_payload_that_inflates_without_end_is_refused_with_bounded_memory():
    bomb = zlib.compress(b" " * (MAX_BYTES + 1024), 9)  # ~20 KB that would inflate past the limit
    wrapper = json.dumps({"encoding": "bstring", "compressed": True, "encoded": bomb.decode("latin-1")})
    with pytest.raises(ExcalidrawError, match="inflates past"):
        scene_from_svg(svg_with(base64.b64encode(wrapper.encode("latin-1")).decode()))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"GIF89a", "not a PNG"),
        (png_with([(b"IHDR", b"\0" * 13), (b"IEND", b"")]), "carries no Excalidraw scene"),
        (png_with([(b"IHDR", b"\0" * 13)])[:-10], "cut short inside its IHDR chunk"),
        (png_with([(b"tEXt", b"Comment\0hello"), (b"IEND", b"")]), "carries no Excalidraw scene"),
    ],
)
def test_a_png_without_a_scene_says_so(data, message):
    with pytest.raises(ExcalidrawError, match=message):
        scene_from_png(data)


def test_import_names_the_file_ending_it_reads(tmp_path):
    path = tmp_path / "photo.png"
    path.write_bytes(png_with([(b"IEND", b"")]))
    with pytest.raises(ExcalidrawError, match="Embed scene"):
        import_board(path)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_scene_or_a_clear_error(data):
    for attempt in (
        lambda: scene_from_png(b"\x89PNG\r\n\x1a\n" + data),
        lambda: scene_from_svg(svg_with(base64.b64encode(data).decode())),
        lambda: scene_from_svg(svg_with(data.decode("latin-1"))),
    ):
        with contextlib.suppress(ExcalidrawError):
            assert isinstance(attempt(), str)
