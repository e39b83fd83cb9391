/* The workspace page: wires the autosave queue to the panels and the whiteboard, runs the clocks,
 * and shows the conflict dialog. Panels stay plain forms; this only saves them as you type.
 */
(function () {
  "use strict";

  var autosave = null, whiteboard = null;

  function root() { return document.getElementById("workspace"); }

  function formBody(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }

  /* Save a panel form as the candidate types (debounced), through the queue. */
  function watchPanel(form) {
    if (form.dataset.watched) return;
    form.dataset.watched = "1";
    var timer = null;
    var key = form.dataset.autosave;
    function queue() {
      clearTimeout(timer);
      autosave.touch(key);
      timer = setTimeout(function () {
        timer = null;
        if (!form.isConnected) { autosave.untouch(key); return; }
        autosave.enqueue(key, {
          method: "POST", url: form.getAttribute("action"), body: formBody(form),
          contentType: "application/x-www-form-urlencoded",
          onSaved: function (html) { if (html) htmx.swap(document.body, html, { swapStyle: "none" }); }
        });
      }, 400);
    }
    // An explicit action (add or remove a row) sends the whole form itself: drop the pending save.
    form.addEventListener("htmx:beforeRequest", function () {
      if (timer) { clearTimeout(timer); timer = null; autosave.untouch(key); }
    });
    form.addEventListener("input", queue);
    form.addEventListener("change", queue);
    form.addEventListener("submit", function (event) {
      // Enter in a field (or the no-JS Save button) saves now instead of reloading the page.
      if (event.submitter && event.submitter.name === "action") return;
      event.preventDefault();
      clearTimeout(timer);
      timer = setTimeout(queue, 0);
    });
  }

  function clocks() {
    var el = root();
    if (!el) return;
    var rail = document.getElementById("rail");
    var steps = JSON.parse(rail.dataset.steps || "[]");
    var budgets = JSON.parse(el.dataset.budgets || "{}");
    var started = el.startedAt;
    var elapsed = (Date.now() - started) / 1000;
    if (el.dataset.status !== "open") elapsed = parseFloat(el.dataset.elapsed);
    var spent = {};
    steps.forEach(function (s, i) {
      var end = i + 1 < steps.length ? steps[i + 1].at : Math.max(elapsed, s.at);
      spent[s.step] = (spent[s.step] || 0) + (end - s.at);
    });
    var timed = el.dataset.mode === "interview";
    var total = document.getElementById("total-clock");
    if (total) total.textContent = fmt(elapsed);
    rail.querySelectorAll("li.step").forEach(function (li) {
      var id = li.dataset.step, used = spent[id] || 0, budget = budgets[id] || 1;
      var out = li.querySelector(".spent");
      if (out) out.textContent = fmt(used);
      li.classList.toggle("amber", timed && used >= 0.8 * budget && used <= budget);
      li.classList.toggle("red", timed && used > budget);
    });
  }

  function fmt(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function showConflict(key) {
    var dialog = document.getElementById("conflict-dialog");
    var c = autosave.conflict;
    dialog.textContent = "";
    var type = c.response.headers.get("Content-Type") || "";
    if (type.indexOf("text/html") === 0) {
      dialog.innerHTML = c.text;  // rendered by our server with autoescaping on
    } else {
      var body = {};
      try { body = JSON.parse(c.text); } catch (e) { /* keep empty */ }
      var wrap = document.createElement("div");
      wrap.className = "conflict-body";
      var h = document.createElement("h2");
      h.textContent = "This session changed somewhere else";
      var p = document.createElement("p");
      p.textContent = "Another tab or window saved revision " + c.current + " after this page last saved. Choose which version to keep. Nothing is lost either way: both stay in the revision list.";
      var versions = document.createElement("div");
      versions.className = "versions";
      [["Your change (" + key + ")", summarize(JSON.parse(c.entry.body)), "mine"],
       ["Saved version (revision " + c.current + ")", summarize(body.current && body.current.board), "theirs"]].forEach(function (v) {
        var section = document.createElement("section");
        var h3 = document.createElement("h3"); h3.textContent = v[0];
        var pre = document.createElement("pre"); pre.className = v[2]; pre.textContent = v[1];
        section.appendChild(h3); section.appendChild(pre); versions.appendChild(section);
      });
      var buttons = document.createElement("div");
      buttons.className = "buttons";
      buttons.innerHTML = '<button type="button" data-conflict="mine" class="primary">Keep mine</button> <button type="button" data-conflict="theirs">Keep the saved version</button>';
      wrap.appendChild(h); wrap.appendChild(p); wrap.appendChild(versions); wrap.appendChild(buttons);
      dialog.appendChild(wrap);
    }
    dialog.querySelector('[data-conflict="mine"]').addEventListener("click", function () {
      dialog.close();
      autosave.keepMine();
    });
    dialog.querySelector('[data-conflict="theirs"]').addEventListener("click", function () {
      autosave.keepTheirs(root().dataset.restoreUrl);
    });
    if (!dialog.open) dialog.showModal();
  }

  function summarize(board) {
    if (!board || !board.nodes) return JSON.stringify(board, null, 2);
    var labels = {};
    var lines = board.nodes.map(function (n) { labels[n.data.id] = n.data.label || n.data.kind; return "□ " + labels[n.data.id] + " (" + n.data.kind + ")"; });
    board.edges.forEach(function (e) { lines.push("→ " + labels[e.data.source] + " → " + labels[e.data.target] + (e.data.label ? " “" + e.data.label + "”" : "")); });
    return lines.join("\n") || "(an empty board)";
  }

  function init() {
    var el = root();
    if (!el || el.dataset.ready) return;
    el.dataset.ready = "1";
    el.startedAt = Date.now() - parseFloat(el.dataset.elapsed || "0") * 1000;
    autosave = new window.DesignerAutosave(el);
    window.designerAutosave = autosave;
    autosave.listeners.push(function (event, key) {
      if (event === "conflict") showConflict(key);
      var hints = document.getElementById("hints");  // practice mode: what the grader now sees missing
      if (event === "saved" && hints) htmx.trigger(hints, "refresh");
    });
    if (window.cytoscape && document.getElementById("cy")) {
      whiteboard = new window.DesignerWhiteboard(el, autosave);
      window.designerWhiteboard = whiteboard;
    }
    clocks();
    if (el.dataset.status === "open") setInterval(clocks, 1000);
  }

  document.addEventListener("DOMContentLoaded", init);

  htmx.onLoad(function (content) {
    if (!root()) return;
    init();
    content.querySelectorAll && content.querySelectorAll("form[data-autosave]").forEach(watchPanel);
    if (content.matches && content.matches("form[data-autosave]")) watchPanel(content);
    var data = document.getElementById("board-data");
    if (whiteboard && data && content.contains && content.contains(data)) {
      whiteboard.load(JSON.parse(data.textContent));
    }
    if (content.id === "rail" || (content.querySelector && content.querySelector("#rail"))) clocks();
  });

  /* Every htmx write carries the revision; it waits for queued saves first, so it builds on them. */
  document.addEventListener("htmx:confirm", function (event) {
    if (!autosave || autosave.idle()) return;
    event.preventDefault();
    autosave.settled().then(function () { event.detail.issueRequest(true); });
  });
  document.addEventListener("htmx:configRequest", function (event) {
    if (autosave) event.detail.headers["If-Match"] = String(autosave.revision);
  });
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (xhr.status === 422 || xhr.status === 413) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    } else if (xhr.status === 409 && autosave) {
      event.detail.shouldSwap = false;
      var current = parseInt(xhr.getResponseHeader("X-Revision"), 10);
      var dialog = document.getElementById("conflict-dialog");
      dialog.innerHTML = xhr.responseText;
      var buttons = dialog.querySelectorAll("[data-conflict]");
      buttons.forEach(function (b) {
        b.addEventListener("click", function () {
          if (b.dataset.conflict === "mine" && !isNaN(current)) { autosave.setRevision(current); dialog.close(); }
          else window.location.reload();
        });
      });
      if (buttons.length && !dialog.open) dialog.showModal();
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    if (!autosave || !xhr) return;
    var revision = parseInt(xhr.getResponseHeader("X-Revision"), 10);
    if (xhr.status < 300 && !isNaN(revision)) autosave.setRevision(revision);
  });
  document.addEventListener("htmx:sendError", function () {
    if (autosave) autosave.goOffline();
  });
})();
