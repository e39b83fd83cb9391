"""The README and docs link only inside the repository, to files that exist."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", ROOT / "CHANGELOG.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")
PATH_IN_BACKTICKS = re.compile(r"`(\.\./[^`]+|/[a-z][^`]*\.md)`")


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_links_stay_inside_the_repository_and_lead_somewhere(doc):
    text = doc.read_text()
    for target in LINK.findall(text):
        if target.startswith("#") or doc.name == "CHANGELOG.md" and target.startswith("https://"):
            continue  # an anchor; the changelog names the conventions it follows
        assert not re.match(r"[a-z]+:", target), f"{doc.name} links outside the repository: {target}"
        path = (doc.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), f"{doc.name} links to {target}, which is not here"
    assert PATH_IN_BACKTICKS.findall(text) == [], f"{doc.name} names a file outside the repository"


def test_the_readme_runs_on_localhost_only():
    # the one address the README may show is the app it starts
    urls = set(re.findall(r"https?://[^\s>)`]+", (ROOT / "README.md").read_text()))
    assert {u for u in urls if not u.startswith(("http://127.0.0.1", "http://localhost"))} == set()


def _cells(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row.strip().strip("|")))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_table_has_as_many_delimiter_cells_as_header_cells(doc):
    # otherwise Markdown shows the table as lines of text with pipes in them
    lines = doc.read_text().splitlines()
    for number, (header, delimiter) in enumerate(itertools.pairwise(lines), start=1):
        if header.startswith("|") and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", delimiter.strip()):
            assert _cells(header) == _cells(delimiter), (
                f"{doc.name} line {number}: a table's header and delimiter differ"
            )
