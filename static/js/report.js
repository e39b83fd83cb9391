/* The report page: the board read-only; selecting a result lights up its evidence. */
(function () {
  "use strict";

  function init() {
    var container = document.getElementById("report-cy");
    if (!container || container.dataset.ready || !window.cytoscape) return;
    container.dataset.ready = "1";
    var board = JSON.parse(document.getElementById("report-board-data").textContent);
    var style = window.DesignerWhiteboard.style().concat([
      // Boxes and arrows apart: "width" is an arrow's thickness but a box's size (a box given it shrank to a sliver).
      { selector: "node.evidence", style: { "border-color": "#dc2626", "border-width": 5 } },
      { selector: "edge.evidence", style: { "line-color": "#dc2626", "target-arrow-color": "#dc2626", "width": 4 } },
      { selector: ".dimmed", style: { "opacity": 0.25 } }
    ]);
    var cy = window.cytoscape({ container: container, elements: window.DesignerWhiteboard.elements(board), style: style, layout: { name: "preset" },
                                autoungrabify: true, boxSelectionEnabled: false });
    window.DesignerWhiteboard.fitReadable(cy, 30);
    window.reportCy = cy;
    var root = container.closest("main") || document.body;
    function select(item) {
      root.querySelectorAll(".evidence-toggle[aria-pressed=true]").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      cy.elements().removeClass("evidence dimmed");
      var ids = JSON.parse(item.dataset.nodes || "[]").concat(JSON.parse(item.dataset.edges || "[]"));
      if (!ids.length) return;
      var toggle = item.querySelector(".evidence-toggle");
      if (toggle) toggle.setAttribute("aria-pressed", "true");
      var hit = cy.collection();
      ids.forEach(function (id) { hit = hit.union(cy.getElementById(id)); });
      cy.elements().not(hit).addClass("dimmed");
      hit.addClass("evidence");
    }
    // Delegated: the live review replaces the results while the page stays open.
    root.addEventListener("click", function (e) {
      var item = e.target.closest && e.target.closest(".result");
      if (!item || e.target.closest(".override-form")) return;  // typing an override is not selecting
      select(item);
    });
    window.reportSelect = select;
    bindReplay(cy);
  }

  /* The review page: a slider over the revisions redraws the board and panels as they were; while the
     session is open, the newest revision arrives by polling (the database is the source, so any
     server worker answers) and is shown when the slider is at the newest. */
  function bindReplay(cy) {
    var root = document.getElementById("report");
    var slider = document.getElementById("replay");
    if (!root || !slider) return;
    var where = document.getElementById("replay-where");
    var panels = document.getElementById("replay-panels");
    var stepLabel = document.getElementById("replay-step");
    var revisions = JSON.parse(document.getElementById("replay-revisions").textContent);
    var live = root.dataset.liveUrl, latest = parseInt(root.dataset.revision, 10), pending = 0;
    var stepsSeen = parseInt(root.dataset.steps, 10);

    function clock(seconds) {
      seconds = Math.round(seconds || 0);
      var s = seconds % 60;
      return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
    }
    function show(data) {
      cy.elements().remove();
      cy.add(window.DesignerWhiteboard.elements(data.board));
      window.DesignerWhiteboard.fitReadable(cy, 30);
      panels.innerHTML = data.panels_html;  // rendered and escaped by the server
      stepLabel.textContent = data.step_title;
      where.textContent = "Revision " + data.number + " of " + latest + " · " + clock(data.at) + " · " +
        data.step_title + (data.number === latest && live ? " · live" : "");
      root.dataset.shown = String(data.number);
    }
    document.querySelectorAll("[data-replay-to]").forEach(function (button) {
      button.addEventListener("click", function () {
        slider.value = button.dataset.replayTo;
        slider.dispatchEvent(new Event("input"));
      });
    });
    slider.addEventListener("input", function () {
      var number = parseInt(slider.value, 10), ticket = ++pending;
      var url = root.dataset.replayUrl.replace(/\/0$/, "/" + number);
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && ticket === pending) show(data); });
    });
    if (!live) return;
    /* The score and the results follow the candidate's work too. Never under the reviewer's hands:
       while an override is open or a field in the results has focus, the newest results wait. */
    var results = document.getElementById("live-results"), pendingResults = null;
    function busy() {
      var active = document.activeElement;
      return results.querySelector("details.override-form[open]") !== null ||
        (active && results.contains(active) && /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(active.tagName) &&
         !active.classList.contains("evidence-toggle"));  // a result's own toggle holds nothing typed
    }
    function applyResults() {
      if (!pendingResults || !results || busy()) return;
      var data = pendingResults, pressed = results.querySelector(".evidence-toggle[aria-pressed=true]");
      var chosen = pressed && pressed.closest(".result").dataset.criterion;
      var refocus = pressed && document.activeElement === pressed;
      pendingResults = null;
      results.innerHTML = data.results_html;  // rendered and escaped by the server
      document.getElementById("score").textContent = String(data.score);
      var again = chosen && results.querySelector('.result[data-criterion="' + chosen + '"]');
      if (again && window.reportSelect) window.reportSelect(again);
      if (again && refocus) again.querySelector(".evidence-toggle").focus();  // focus stays where it was
      results.dataset.revision = String(data.number);
    }
    if (results) {
      results.addEventListener("focusout", function () { setTimeout(applyResults, 0); });
      results.addEventListener("toggle", function () { setTimeout(applyResults, 0); }, true);
    }
    var timer = setInterval(function () {
      if (!document.body.contains(slider)) { clearInterval(timer); return; }
      fetch(live + "?since=" + latest + "&steps=" + stepsSeen, { headers: { "Accept": "application/json" }, cache: "no-store" })
        .then(function (r) {
          if (r.status === 404 || r.status === 403) {  // deleted, or no longer ours to watch: stop asking
            clearInterval(timer);
            document.getElementById("live-status").textContent = r.status === 404 ? "deleted" : "no access";
          }
          return r.status === 200 ? r.json() : null;
        })
        .then(function (data) {
          if (!data) return;
          var following = parseInt(slider.value, 10) === latest;
          latest = data.number;
          stepsSeen = data.steps;
          slider.max = String(latest);
          if (!revisions.length || revisions[revisions.length - 1].number !== data.number) {
            revisions.push({ number: data.number, at: data.at, change: data.change });
          }
          if (following) { slider.value = String(latest); show(data); }
          if (data.results_html !== undefined) { pendingResults = data; applyResults(); }
          if (data.status !== "open") {
            clearInterval(timer);
            document.getElementById("live-status").textContent = data.status;
          }
        })
        .catch(function () { /* the next tick tries again */ });
    }, 1000);
  }

  document.addEventListener("DOMContentLoaded", init);
  if (window.htmx) htmx.onLoad(init);
})();
