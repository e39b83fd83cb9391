"""Vendored front-end files: every one listed with version, source, licence and checksum; no CDN."""

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "static" / "vendor"


def listed() -> dict[str, dict]:
    rows = {}
    for line in (VENDOR / "VERSIONS").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        file, name, version, source, licence, sha = line.split("\t")
        rows[file] = {"name": name, "version": version, "source": source, "licence": licence, "sha": sha}
    return rows


def test_every_vendored_file_is_listed_with_its_checksum_and_licence():
    rows = listed()
    on_disk = {p.name for p in VENDOR.iterdir() if p.is_file() and p.name != "VERSIONS"}
    assert on_disk == set(rows), "unlisted or missing files in static/vendor"
    for file, row in rows.items():
        assert hashlib.sha256((VENDOR / file).read_bytes()).hexdigest() == row["sha"], file
        assert row["version"].split("+")[0] in file, f"{file} does not carry its version in its name"
        licence = VENDOR / row["licence"].split(" ")[0]
        assert licence.is_file() and licence.stat().st_size > 100, licence


def test_no_template_or_script_loads_anything_from_another_host():
    pattern = re.compile(r"""(src|href)\s*=\s*["']\s*(https?:)?//""", re.I)
    for path in [*(ROOT / "templates").rglob("*.html"), *(ROOT / "static" / "js").rglob("*.js")]:
        assert not pattern.search(path.read_text()), f"{path} loads from another host"
