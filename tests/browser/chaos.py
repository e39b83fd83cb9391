"""Random sequences of what a candidate does, on a slow and unreliable network, and the check that
nothing they did was lost.

A sequence (seeded: the same seed is the same sequence) mixes canvas edits, the keyboard forms,
typing in panels, adding and removing rows, step changes, reloads, closing the tab to open the
session in a new one, and a second tab typing at the same time, while the server answers
each write 0–1 s late, some writes never arrive (dropped by the browser's network) and the server
is now and then stopped and started. A model in Python follows what the user did; when everything
has settled, the stored session, and the page after a reload, must say exactly what the model says.

Used by ``tests/browser/test_chaos.py`` (a few seeds, in CI) and ``benchmarks/chaos.py`` (hundreds).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from playwright.sync_api import Page, Route, expect

#: Press the conflict dialog's "Keep mine" (in the page: a Playwright click would wake the handler).
KEEP_MINE = """() => {
  const button = [...document.querySelectorAll('#conflict-dialog button')].find(b => b.textContent.trim() === 'Keep mine');
  if (button) button.click();
  return !!button;
}"""
KINDS = ("client", "service", "cache", "queue", "sql_database", "worker")
STEPS_WITH_TEXT = ("requirements", "estimates")


@dataclass
class Model:
    """What the user has done, as they would describe it: the boxes they drew (by label), the arrows
    between them, the requirement lines they typed and the estimate rows they kept."""

    boxes: dict[str, str] = field(default_factory=dict)  # label → kind
    arrows: set[tuple[str, str]] = field(default_factory=set)
    functional: list[str] = field(default_factory=list)
    estimates: list[tuple[str, str]] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)  # lines typed in a second tab
    log: list[str] = field(default_factory=list)


class Sequence:
    """One seeded sequence of user actions against a live server and a page."""

    def __init__(self, page: Page, live_server, seed: int, actions: int = 25, drop: float = 0.1):
        self.page, self.server, self.seed, self.actions = page, live_server, seed, actions
        self.random = random.Random(seed)
        self.model = Model()
        self.drop = drop
        self.count = 0
        self.step = "requirements"
        self.watched: list[Page] = []  # pages whose conflict dialogs are answered as they open

    def describe(self) -> str:
        return f"seed {self.seed}: " + "; ".join(self.model.log)

    def _dropping(self, route: Route) -> None:
        request = route.request
        if request.method in ("POST", "PUT") and self.random.random() < self.drop:
            self.model.log.append(f"(dropped {request.method} {request.url.rsplit('/', 2)[-2:]})")
            route.abort("connectionreset")
        else:
            route.continue_()

    def run(self, session_url: str) -> None:
        """Play the sequence from a new session at ``session_url``; then let everything settle."""
        self.server.latency.random.seed(self.seed)
        self.server.latency.add("*", r"^/(api|s)/", before=(0.0, 0.3), after=(0.0, 0.7))
        self.page.route("**/*", self._dropping)
        self.open(session_url)
        actions = [
            (self.palette_box, 3),
            (self.form_box, 3),
            (self.connect, 2),
            (self.move, 2),
            (self.delete_box, 1),
            (self.type_requirement, 3),
            (self.add_estimate, 3),
            (self.remove_estimate, 1),
            (self.change_step, 2),
            (self.reload, 1),
            (self.reopen_tab, 1),
            (self.second_tab, 1),
            (self.restart_server, 1),
        ]
        choices = [a for a, weight in actions for _ in range(weight)]
        for _ in range(self.actions):
            action = self.random.choice(choices)
            self.model.log.append(action.__name__)
            action()
        self.page.unroute("**/*", self._dropping)
        self.server.latency.clear()
        self.settle()

    def open(self, url: str) -> None:
        if self.page not in self.watched:
            self._watch_conflicts(self.page)
            self.watched.append(self.page)
        self.page.goto(url)
        self.page.wait_for_function("() => window.designerWhiteboard !== undefined")
        self.step = self.page.locator("#panel").get_attribute("class").split("panel-")[1].split()[0]

    def settle(self) -> None:
        """Wait until the page has saved everything it holds (coming back online if it went offline)."""
        self._settle(self.page)
        expect(self.page.locator("#save-status")).to_have_text("Saved", timeout=30_000)

    def _label(self, stem: str) -> str:
        self.count += 1
        return f"{stem} {self.count}"

    def palette_box(self) -> None:
        kind = self.random.choice(KINDS)
        before = self.page.evaluate("() => cy.nodes('[kind]').map(n => n.id())")
        self.page.locator(f".palette-item[data-kind={kind}]").click()
        self.page.wait_for_function(f"() => cy.nodes('[kind]').length === {len(before) + 1}")
        label = self._label("P")
        node = self.page.evaluate(f"() => cy.nodes('[kind]').filter(n => !{before}.includes(n.id()))[0].id()")
        # name it in the side form, as a user would (the palette gives every box its kind's name)
        self.page.locator("#inspector input[name=label]").fill(label)
        self.model.boxes[label] = kind
        self.model.log[-1] += f" {kind} {node} as {label!r}"

    def form_box(self) -> None:
        kind = self.random.choice(KINDS)
        label = self._label("F")
        form = self.page.locator("form.add-node")
        form.locator("select[name=kind]").select_option(kind)
        form.locator("input[name=label]").fill(label)
        form.get_by_role("button", name="Add component").click()
        self.page.wait_for_function(f"() => cy.nodes().some(n => n.data('label') === {label!r})")
        self.model.boxes[label] = kind
        self.model.log[-1] += f" {kind} {label!r}"

    def _ids(self) -> dict[str, str]:
        return self.page.evaluate(
            "() => Object.fromEntries(cy.nodes('[kind]').map(n => [n.data('label'), n.id()]))"
        )

    def connect(self) -> None:
        ids = self._ids()
        if len(ids) < 2:
            return
        source, target = self.random.sample(sorted(ids), 2)
        if (source, target) in self.model.arrows:
            return
        form = self.page.locator("form.add-edge")
        form.locator("select[name=source]").select_option(ids[source])
        form.locator("select[name=target]").select_option(ids[target])
        form.get_by_role("button", name="Connect").click()
        self.model.arrows.add((source, target))
        self.model.log[-1] += f" {source!r} → {target!r}"

    def move(self) -> None:
        ids = self._ids()
        if not ids:
            return
        label = self.random.choice(sorted(ids))
        dx, dy = self.random.randint(-80, 80), self.random.randint(-60, 60)
        self.page.evaluate(
            f"() => {{ const n = cy.$id({ids[label]!r}); const p = n.position();"
            f" n.position({{x: p.x + {dx}, y: p.y + {dy}}}); designerWhiteboard.changed('move'); }}"
        )
        self.model.log[-1] += f" {label!r}"

    def delete_box(self) -> None:
        ids = self._ids()
        if not ids:
            return
        label = self.random.choice(sorted(ids))
        self.page.evaluate(
            f"() => {{ cy.$id({ids[label]!r}).remove(); designerWhiteboard.changed('delete'); }}"
        )
        self.model.boxes.pop(label, None)
        self.model.arrows = {a for a in self.model.arrows if label not in a}
        self.model.log[-1] += f" {label!r}"

    def _open(self, step: str) -> None:
        """Open a step as a user does: click it, and click again if nothing happened (a dropped request)."""
        for _ in range(10):
            if self.step == step:
                return
            self.page.locator(f"#rail li[data-step={step}] button").click()
            try:
                expect(self.page.locator(f"#panel.panel-{step}")).to_be_visible(timeout=5_000)
                self.step = step
            except AssertionError:
                self.model.log.append(f"(the step {step} did not open; clicking again)")
        raise AssertionError(f"the step {step} never opened")

    def type_requirement(self) -> None:
        self._open("requirements")
        line = self._label("Line")
        area = self.page.locator("textarea[name=functional]")
        area.press("End")
        area.evaluate("el => el.setSelectionRange(el.value.length, el.value.length)")
        area.type(("\n" if area.input_value() else "") + line, delay=5)
        self.model.functional.append(line)
        self.model.log[-1] += f" {line!r}"

    def _estimate_rows(self) -> int:
        return self.page.locator("table.estimates tr.row").count()

    def add_estimate(self) -> None:
        self._open("estimates")
        name, expr = self._label("row").replace(" ", "_"), f"{self.random.randint(1, 999)}K"
        index = len(self.model.estimates)
        if index >= self._estimate_rows():
            self.page.get_by_role("button", name="Add a row").click()
        self.page.locator(f"input[name='-{index}-name']").type(name, delay=5)
        self.page.locator(f"input[name='-{index}-expr']").type(expr, delay=5)
        self.model.estimates.append((name, expr))
        self.model.log[-1] += f" {name}={expr}"

    def remove_estimate(self) -> None:
        if len(self.model.estimates) < 2:
            return
        self._open("estimates")
        index = self.random.randrange(len(self.model.estimates))
        self.page.get_by_role("button", name=f"Remove row {index + 1}", exact=True).click()
        self.model.log[-1] += f" {self.model.estimates.pop(index)[0]}"

    def change_step(self) -> None:
        self._open(self.random.choice(["requirements", "estimates", "api", "high_level", "scale"]))
        self.model.log[-1] += f" {self.step}"

    def reload(self) -> None:
        self.open(self.page.url)

    def reopen_tab(self) -> None:
        """Close the tab (whatever it still has to save) and open the session in a new one, as a user
        does who closed it by mistake: the new tab must take over what the closed one left waiting."""
        url, context = self.page.url, self.page.context
        self.page.unroute("**/*", self._dropping)
        self.page.close()
        self.page = context.new_page()
        self.page.route("**/*", self._dropping)
        self.open(url)

    def second_tab(self) -> None:
        """Open the session in a second tab and type a line of the summary there; close it after its
        save, or at once (what it left waiting is then the first tab's to send). The tabs change
        different parts, so neither should meet a conflict (and "Keep mine" would be right in either if
        one did); the first tab is then settled and reloaded, as a user switching back would see the
        newest version."""
        other = self.page.context.new_page()
        other.route("**/*", self._dropping)
        self._watch_conflicts(other)
        other.goto(self.page.url.split("?")[0] + "?step=wrap_up")
        other.wait_for_function("() => window.designerAutosave !== undefined")
        line = self._label("Summary")
        area = other.locator("textarea[name=summary]")
        area.press("End")
        area.evaluate("el => el.setSelectionRange(el.value.length, el.value.length)")
        area.type(("\n" if area.input_value() else "") + line, delay=5)
        self.model.summary.append(line)
        waited = self.random.random() < 0.5
        if waited:
            self._settle(other)
        other.unroute("**/*", self._dropping)
        other.close()
        self.model.log[-1] += f" {line!r}" + (" (saved there)" if waited else " (closed at once)")
        self._settle(self.page)
        self.reload()

    def _watch_conflicts(self, page: Page) -> None:
        """Answer a conflict dialog that opens while the user works (a closed tab's waiting change,
        sent late by this tab, met a newer revision) with "Keep mine", as a user would and as at a
        settle, before the next click; the end check still finds anything either side lost."""

        def keep_mine() -> None:
            self.model.log.append("(conflict while working: keep mine)")
            page.evaluate(KEEP_MINE)

        page.add_locator_handler(page.locator("#conflict-dialog[open]"), keep_mine)

    def _settle(self, page: Page) -> None:
        """Wait until ``page`` has saved everything, answering a conflict with "Keep mine"."""
        for _ in range(10):
            page.wait_for_function(
                "() => (designerAutosave.idle() && !designerAutosave.offline) || designerAutosave.conflict",
                timeout=60_000,
            )
            if not page.evaluate("() => !!designerAutosave.conflict"):
                return
            self.model.log.append("(conflict: keep mine)")
            page.evaluate(KEEP_MINE)  # not a Playwright click: that would wake the handler too
        raise AssertionError("the conflicts did not end")

    def restart_server(self) -> None:
        self.server.stop()
        self.page.wait_for_timeout(self.random.randint(200, 1500))
        self.server.start()

    def state(self) -> str:
        """What the page says about its saves, to explain a sequence that could not go on."""
        try:
            return self.page.evaluate(
                "() => `status ${document.getElementById('save-status').textContent}; conflict dialog "
                "${document.getElementById('conflict-dialog').open ? 'open: ' + "
                "document.getElementById('conflict-dialog').textContent.replace(/\\s+/g, ' ').slice(0, 300) : 'closed'}"
                # what the page shows and still holds: the panel, its estimate rows, the waiting changes
                "; panel ${document.getElementById('panel').className}; estimate rows "
                "${JSON.stringify([...document.querySelectorAll('table.estimates tr.row input[name$=-name]')]"
                ".map(i => i.name + '=' + i.value))}; waiting ${JSON.stringify(designerAutosave.order)}; "
                "in flight ${!!designerAutosave.inFlight}; typing ${JSON.stringify(Object.keys(designerAutosave.typing))}`"
            )
        except Exception as exc:  # noqa: BLE001 - the page itself may be what broke
            return f"the page can't say ({type(exc).__name__})"

    def lost(self, store, session_id: str) -> list[str]:
        """What the model holds that the stored session or the reloaded page doesn't (or the reverse)."""
        problems = []
        row = store.get(session_id)
        labels = {n["data"]["label"]: n["data"]["kind"] for n in row.board["nodes"]}
        names = {n["data"]["id"]: n["data"]["label"] for n in row.board["nodes"]}
        arrows = {
            (names.get(e["data"]["source"]), names.get(e["data"]["target"])) for e in row.board["edges"]
        }
        if labels != self.model.boxes:
            problems.append(f"stored boxes {labels} != drawn {self.model.boxes}")
        if arrows != self.model.arrows:
            problems.append(f"stored arrows {sorted(arrows)} != drawn {sorted(self.model.arrows)}")
        functional = row.panels.get("requirements", {}).get("functional", [])
        if functional != self.model.functional:
            problems.append(f"stored requirements {functional} != typed {self.model.functional}")
        estimates = [(e["name"], e["expr"]) for e in row.panels.get("estimates", [])]
        if estimates != self.model.estimates:
            problems.append(f"stored estimates {estimates} != typed {self.model.estimates}")
        summary = row.panels.get("wrap_up", {}).get("summary", "").splitlines()
        if summary != self.model.summary:
            problems.append(f"stored summary {summary} != typed in the second tab {self.model.summary}")
        self.open(self.page.url)  # and the page, reloaded, shows the same
        shown = self.page.evaluate(
            "() => Object.fromEntries(cy.nodes('[kind]').map(n => [n.data('label'), n.data('kind')]))"
        )
        if shown != labels:
            problems.append(f"the reloaded board shows {shown}, the store has {labels}")
        return problems
