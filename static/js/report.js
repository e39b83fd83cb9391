/* The report page: the board read-only; selecting a result lights up its evidence. */
(function () {
  "use strict";

  function init() {
    var container = document.getElementById("report-cy");
    if (!container || container.dataset.ready || !window.cytoscape) return;
    container.dataset.ready = "1";
    var board = JSON.parse(document.getElementById("report-board-data").textContent);
    var style = window.DesignerWhiteboard.style().concat([
      { selector: ".evidence", style: { "border-color": "#dc2626", "border-width": 5, "line-color": "#dc2626",
                                        "target-arrow-color": "#dc2626", "width": 4 } },
      { selector: ".dimmed", style: { "opacity": 0.25 } }
    ]);
    var cy = window.cytoscape({ container: container, elements: board, style: style, layout: { name: "preset" },
                                autoungrabify: true, boxSelectionEnabled: false });
    cy.fit(undefined, 30);
    window.reportCy = cy;
    function select(item) {
      document.querySelectorAll(".result[aria-pressed=true]").forEach(function (r) { r.setAttribute("aria-pressed", "false"); });
      cy.elements().removeClass("evidence dimmed");
      var ids = JSON.parse(item.dataset.nodes || "[]").concat(JSON.parse(item.dataset.edges || "[]"));
      if (!ids.length) return;
      item.setAttribute("aria-pressed", "true");
      var hit = cy.collection();
      ids.forEach(function (id) { hit = hit.union(cy.getElementById(id)); });
      cy.elements().not(hit).addClass("dimmed");
      hit.addClass("evidence");
    }
    document.querySelectorAll(".result").forEach(function (item) {
      item.addEventListener("click", function () { select(item); });
      item.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(item); } });
    });
  }

  document.addEventListener("DOMContentLoaded", init);
  if (window.htmx) htmx.onLoad(init);
})();
