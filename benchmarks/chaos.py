"""Chaos at scale: hundreds of seeded random sequences of a candidate's actions on a slow, lossy
network with a server that restarts (tests/browser/chaos.py), and how many lost anything.

    .venv/bin/python benchmarks/chaos.py [--sequences 200] [--actions 25] [--first-seed 1000]

Needs Debian's Chromium at /usr/bin/chromium (as the browser tests). Prints each losing seed with
what it lost (rerun one with ``--first-seed N --sequences 1``); the goal is 0 lost.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from app import create_app  # noqa: E402
from tests.browser.chaos import Sequence  # noqa: E402
from tests.browser.conftest import CHROMIUM, LiveServer  # noqa: E402

LAUNCH = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def _note_write(request, writes: list[str], failed: bool = False) -> None:
    """A line for each write a tab sent: when, what, its change id and base, and what came back."""
    if request.method not in ("POST", "PUT"):
        return
    headers = request.headers
    path = "/".join(request.url.split("/")[3:])[:70]
    if failed:
        outcome = f"failed ({request.failure})"
    else:
        response = request.response()
        outcome = (
            f"{response.status} rev {response.headers.get('x-revision', '-')}" if response else "no answer"
        )
    writes.append(
        f"{time.strftime('%H:%M:%S')} {request.method} {path} if-match {headers.get('if-match', '-')} "
        f"change {headers.get('x-change-id', '-')[:8]}: {outcome}"
    )


def _revisions(store, session_id: str) -> list[str]:
    from designer.revision_changes import changes

    revisions = store.revisions(session_id)
    return [
        f"{r.number} {r.change}: {' '.join(changes(revisions[i - 1] if i else None, r)) or 'no change'}"
        for i, r in enumerate(revisions)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sequences", type=int, default=200)
    parser.add_argument("--actions", type=int, default=25)
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--verbose", action="store_true", help="print every sequence, not only losing ones")
    args = parser.parse_args()
    # a line per request (werkzeug's and the app's own) drowns the figures
    for name in ("werkzeug", "designer.request", "alembic"):
        logging.getLogger(name).setLevel(logging.WARNING)
    folder = Path(tempfile.mkdtemp(prefix="designer-chaos-"))
    os.environ["DESIGNER_INSTANCE"] = str(folder / "instance")
    app = create_app({"DATABASE_URL": f"sqlite:///{folder / 'designer.sqlite3'}", "SECRET_KEY": "chaos"})
    store = app.extensions["designer.store"]
    server = LiveServer(app)
    server.start()
    lost, conflicted, started = [], [], time.perf_counter()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH)
        for seed in range(args.first_seed, args.first_seed + args.sequences):
            context = browser.new_context(base_url=server.url)
            page = context.new_page()
            page.goto("/")
            page.locator("#problem-chat-app").get_by_role("button", name="Start").click()
            page.wait_for_url("**/s/*")
            session_id = page.url.rsplit("/", 1)[1].split("?")[0]
            sequence = Sequence(page, server, seed, actions=args.actions)
            writes: list[str] = []
            context.on("requestfinished", lambda r, w=writes: _note_write(r, w))
            context.on("requestfailed", lambda r, w=writes: _note_write(r, w, failed=True))
            try:
                sequence.run(page.url)
                problems = sequence.lost(store, session_id)
            except Exception as exc:  # noqa: BLE001 - a sequence that can't finish counts as lost
                problems = [f"{type(exc).__name__}: {str(exc).splitlines()[0]} ({sequence.state()})"]
            finally:
                server.latency.clear()
                if server.server is None:
                    server.start()
                context.close()
            # The tabs change different parts (the second one only the summary): a conflict dialog is
            # one the user should not have met, though answering it loses nothing.
            met_conflict = any(line.startswith("(conflict") for line in sequence.model.log)
            if met_conflict:
                conflicted.append(seed)
            if problems or met_conflict:
                if problems:
                    lost.append(seed)
                    print(f"seed {seed} lost: {'; '.join(problems)}\n  {sequence.describe()}", flush=True)
                else:
                    print(
                        f"seed {seed} met a conflict dialog, lost nothing\n  {sequence.describe()}",
                        flush=True,
                    )
                # What to find the cause by: every write the tabs sent, and what each revision changed.
                print("  writes:\n    " + "\n    ".join(writes), flush=True)
                print("  revisions:\n    " + "\n    ".join(_revisions(store, session_id)), flush=True)
            elif args.verbose:
                print(f"kept everything: {sequence.describe()}", flush=True)
            done = seed - args.first_seed + 1
            if done % 10 == 0 and done < args.sequences:
                print(
                    f"{done} sequences in {(time.perf_counter() - started) / 60:.1f} min, {len(lost)} lost",
                    flush=True,
                )
        browser.close()
    server.stop()
    minutes = (time.perf_counter() - started) / 60
    print(
        f"{args.sequences} sequences of {args.actions} actions in {minutes:.1f} min: "
        f"{len(lost)} lost something (goal 0){': seeds ' + ', '.join(map(str, lost)) if lost else ''}; "
        f"{len(conflicted)} met a conflict dialog{': seeds ' + ', '.join(map(str, conflicted)) if conflicted else ''}"
    )


if __name__ == "__main__":
    main()
