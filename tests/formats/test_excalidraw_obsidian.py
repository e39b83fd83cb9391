"""Obsidian's Excalidraw plugin keeps a drawing in Markdown (``.excalidraw.md``): plain JSON or, by
default, LZ-String's Base64 in a ```compressed-json``` block. Both read as the same scene does."""

import json
from pathlib import Path

import pytest

from designer.batch import collect
from designer.errors import DesignerError
from designer.formats import import_upload
from designer.formats.base import import_budget
from designer.formats.lzstring import LZStringError, decompress_from_base64

DATA = Path(__file__).parent.parent / "data" / "excalidraw"


@pytest.mark.parametrize("form", ["json", "compressed"])
def test_an_obsidian_drawing_reads_as_the_scene_it_keeps(form):
    scene = import_upload("demo.excalidraw", (DATA / "jetbrains-plugin-demo.excalidraw").read_bytes())
    name = f"jetbrains-plugin-demo.obsidian-{form}.excalidraw.md"
    drawing = import_upload(name, (DATA / name).read_bytes())
    assert drawing.board == scene.board and len(drawing.board["nodes"]) == 8
    assert drawing.warnings == scene.warnings


@pytest.mark.parametrize("plain, packed", json.loads((DATA / "lz-string-cases.json").read_text()))
def test_lz_string_as_its_javascript_library_writes_it(plain, packed):
    """Pairs written by lz-string 1.5.0 (npm), the library the plugin uses: empty, one letter,
    repeats, characters past 8 and 16 bits (an emoji is two UTF-16 halves in JavaScript)."""
    assert decompress_from_base64(packed, 10_000) == plain
    assert (
        decompress_from_base64("\n\n".join(packed[i : i + 7] for i in range(0, len(packed), 7)), 10_000)
        == plain
    )


def test_markdown_that_is_no_drawing_is_refused_with_what_was_looked_for():
    with pytest.raises(DesignerError, match="README.md: this Markdown file holds no Excalidraw drawing"):
        import_upload("README.md", b"# Notes\n\n```python\nprint(1)\n```\n")


@pytest.mark.parametrize(
    "packed, said",
    [
        ("N4Ig!!!", "which Base64 does not"),
        ("N4IgLgngDg", "ends in the middle of a code"),
    ],
)
def test_a_broken_compressed_block_says_what_is_wrong(packed, said):
    text = f"# Drawing\n```compressed-json\n{packed}\n```\n".encode()
    with pytest.raises(DesignerError, match=said):
        import_upload("sketch.excalidraw.md", text)


def test_a_few_kilobytes_that_stand_for_megabytes_stop_at_the_limit():
    """LZW's codes can each name a word longer than the last: lz-string's 20 KB for fifty million
    "a"s (lz-string-bomb.txt) stop at the limit given, not after 50 MB."""
    packed = (DATA / "lz-string-bomb.txt").read_text()
    assert len(packed) < 25_000
    with pytest.raises(LZStringError, match="more than 1,000,000 characters"):
        decompress_from_base64(packed, 1_000_000)


def test_the_import_budget_stops_a_decompression():
    with import_budget(0), pytest.raises(DesignerError, match="took too long"):
        decompress_from_base64((DATA / "lz-string-bomb.txt").read_text(), 10**9)


def test_a_folder_of_notes_grades_only_the_drawings(tmp_path):
    (tmp_path / "README.md").write_text("# Notes")
    (tmp_path / "chat.excalidraw.md").write_bytes(
        (DATA / "jetbrains-plugin-demo.obsidian-json.excalidraw.md").read_bytes()
    )
    found, missing = collect([str(tmp_path)])
    assert [p.name for p in found] == ["chat.excalidraw.md"] and not missing
