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

  /* The rows of one of a panel's lists (``list`` is "" for a panel that is one list), in page order. */
  function rowsOf(form, list) {
    var prefix = list + "-";
    return Array.prototype.filter.call(form.querySelectorAll(".row[data-row]"), function (row) {
      return Array.prototype.some.call(row.querySelectorAll("[name]"), function (field) {
        return field.name.indexOf(prefix) === 0 && /^\d+-/.test(field.name.slice(prefix.length));
      });
    });
  }

  /* Give a row the index `index`: its fields' names, the ids and labels that count rows. */
  function number(row, list, index) {
    var pattern = new RegExp("^" + list + "-\\d+-");
    row.dataset.row = String(index);
    row.querySelectorAll("[name]").forEach(function (field) {
      field.name = field.name.replace(pattern, list + "-" + index + "-");
    });
    row.querySelectorAll("[aria-label]").forEach(function (el) {
      el.setAttribute("aria-label", el.getAttribute("aria-label").replace(/\brow \d+/, "row " + (index + 1)));
    });
    row.querySelectorAll("[id^='estimate-result-']").forEach(function (el) { el.id = "estimate-result-" + index; });
    var legend = row.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(/\d+$/, String(index + 1));
    row.querySelectorAll("button[hx-vals]").forEach(function (button) {
      button.setAttribute("hx-vals", JSON.stringify({ list: list, index: String(index) }));
    });
  }

  /* Add or remove a row in the page itself, then save as typing does: the panel is never replaced
   * by the server's copy, so nothing typed while a save is on its way can be lost. */
  /* A new empty row after a list's last one (a copy of it, emptied and renumbered). */
  function addRow(form, list) {
    var rows = rowsOf(form, list);
    if (!rows.length) return null;
    var last = rows[rows.length - 1], row = last.cloneNode(true);
    row.querySelectorAll("input[type=hidden][name$='-extras']").forEach(function (el) { el.remove(); });
    row.querySelectorAll("input:not([type=hidden]), textarea").forEach(function (field) {
      field.value = "";
      if (field.tagName === "TEXTAREA") field.textContent = "";
      else field.setAttribute("value", "");
    });
    row.querySelectorAll("output").forEach(function (out) { out.textContent = ""; out.className = "estimate-result"; });
    number(row, list, rows.length);
    last.after(row);
    if (window.htmx) htmx.process(row);
    return row;
  }

  /* Remove a list's row `index`, renumbering the rest; the only row is emptied instead (a list
   * always shows a row to type in). Returns the row next to it, or null. */
  function removeRow(form, list, index) {
    var rows = rowsOf(form, list);
    if (index < 0 || index >= rows.length) return null;
    if (rows.length === 1) {
      rows[0].querySelectorAll("input:not([type=hidden]), textarea").forEach(function (field) { field.value = ""; });
      rows[0].querySelectorAll("input[type=hidden][name$='-extras']").forEach(function (el) { el.remove(); });
      return rows[0];
    }
    var neighbour = rows[index + 1] || rows[index - 1];
    rows[index].remove();
    rowsOf(form, list).forEach(function (r, i) { number(r, list, i); });
    return neighbour;
  }

  /* Add or remove a row in the page itself, then save as typing does: the panel is never replaced
   * by the server's copy, so nothing typed while a save is on its way can be lost. */
  function editRows(form, button) {
    var vals = JSON.parse(button.getAttribute("hx-vals") || "{}"), list = vals.list || "";
    if (!rowsOf(form, list).length) return false;  // nothing to copy a row from: let the server add it
    if (button.value === "add") {
      var row = addRow(form, list), first = row && row.querySelector("input:not([type=hidden]), textarea");
      if (first) first.focus();
    } else {
      var neighbour = removeRow(form, list, rowsOf(form, list).indexOf(button.closest(".row")));
      var next = neighbour && neighbour.querySelector("button.remove");
      if (next) next.focus();
    }
    form.dispatchEvent(new Event("input", { bubbles: true }));  // saved as any edit is
    return true;
  }

  /* Show in a panel's form the change to it still waiting in the queue (from before a reload, or
   * typed while offline): the server's copy the page was built from is older than what the user
   * typed, and typing on top of it would save the older copy back. */
  function showPending(form, body) {
    var params = new URLSearchParams(body), wanted = {};
    params.forEach(function (value, name) {
      var m = /^([a-z_]*)-(\d+)-[a-z_]+$/.exec(name);
      if (m) wanted[m[1]] = Math.max(wanted[m[1]] || 0, parseInt(m[2], 10) + 1);
    });
    Object.keys(wanted).forEach(function (list) {
      while (rowsOf(form, list).length < wanted[list] && addRow(form, list)) { /* one more row */ }
      while (rowsOf(form, list).length > wanted[list]) removeRow(form, list, rowsOf(form, list).length - 1);
    });
    params.forEach(function (value, name) {
      var field = form.elements.namedItem(name);
      if (field && field.type !== "hidden" && field.value !== value) field.value = value;
    });
  }

  /* A change taken over from a closed tab, on a page already built: show it where it belongs. */
  function showAdopted(key) {
    var waiting = autosave.unsaved(key);
    if (!waiting) return;
    if (key === "board") {
      if (whiteboard) {
        try { whiteboard.load(JSON.parse(waiting.body)); } catch (e) { /* not a board: leave the canvas */ }
      }
      return;
    }
    document.querySelectorAll("form[data-autosave]").forEach(function (form) {
      if (form.dataset.autosave === key && waiting.url === form.getAttribute("action")) showPending(form, waiting.body);
    });
  }

  /* Save a panel form as the candidate types (debounced), through the queue. */
  function watchPanel(form) {
    if (form.dataset.watched) return;
    form.dataset.watched = "1";
    var timer = null;
    var key = form.dataset.autosave;
    var waiting = autosave.unsaved(key);
    if (waiting && waiting.url === form.getAttribute("action")) showPending(form, waiting.body);
    // The server's copy of this panel, as at the revision it says: what its next change is based on
    // (unless the page holds a change to it the server has not yet got, shown instead).
    else if (!autosave.changing(key)) autosave.saw(key, form.dataset.revision);
    // Add and remove rows in the page (the buttons post to the server only without JavaScript).
    form.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest('button[name="action"]');
      if (!button || !form.contains(button) || form.hasAttribute("inert")) return;
      if (editRows(form, button)) { event.preventDefault(); event.stopPropagation(); }
    }, true);
    function send() {
      clearTimeout(timer);
      timer = null;
      // A form taken off the page (another step opened) still holds what was typed: save it.
      autosave.enqueue(key, {
        method: "POST", url: form.getAttribute("action"), body: formBody(form),
        contentType: "application/x-www-form-urlencoded",
        onSaved: function (html) { if (html && form.isConnected) htmx.swap(document.body, html, { swapStyle: "none" }); }
      });
    }
    function queue() {
      clearTimeout(timer);
      autosave.touch(key, send);
      timer = setTimeout(send, 400);
    }
    // An explicit action (add or remove a row) sends the whole form itself: drop the pending save.
    form.addEventListener("htmx:beforeRequest", function () {
      if (timer) { clearTimeout(timer); timer = null; autosave.untouch(key); }
    });
    form.addEventListener("input", queue);
    form.addEventListener("change", queue);
    // Enter in a one-line field saves now; left alone, the browser would "click" the form's first
    // submit button, which is a row's remove button.
    form.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key !== "Enter" || field.tagName !== "INPUT" || event.isComposing) return;
      event.preventDefault();
      clearTimeout(timer);
      timer = setTimeout(queue, 0);
    });
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
    var openStep = rail.dataset.openStep, since = parseFloat(rail.dataset.openSince) || 0;
    var budgets = JSON.parse(el.dataset.budgets || "{}");
    var started = el.startedAt;
    var elapsed = (Date.now() - started) / 1000;
    if (el.dataset.status !== "open") elapsed = parseFloat(el.dataset.elapsed);
    var spent = {};
    rail.querySelectorAll("li.step").forEach(function (li) {
      // the totals up to the last step change, and the open step counting on from it
      spent[li.dataset.step] = parseFloat(li.dataset.closed) || 0;
    });
    if (openStep) spent[openStep] = (spent[openStep] || 0) + Math.max(elapsed, since) - since;
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
      p.textContent = "Another tab or window saved this session (revision " + c.current + ") after this page last saved. Choose which version to keep. Nothing is lost either way: both stay in the revision list.";
      var mineBoard = null;
      try { mineBoard = JSON.parse(c.entry.body); } catch (e) { /* not a board */ }
      var differ = document.createElement("ul");
      differ.className = "differences";
      boardChanges(mineBoard, body.current && body.current.board).forEach(function (line) {
        var li = document.createElement("li");
        li.textContent = line;
        differ.appendChild(li);
      });
      var versions = document.createElement("div");
      versions.className = "versions";
      [["Your board", summarize(mineBoard), "mine"],
       ["Saved board", summarize(body.current && body.current.board), "theirs"]].forEach(function (v) {
        var section = document.createElement("section");
        var h3 = document.createElement("h3"); h3.textContent = v[0];
        var pre = document.createElement("pre"); pre.className = v[2]; pre.textContent = v[1];
        section.appendChild(h3); section.appendChild(pre); versions.appendChild(section);
      });
      var buttons = document.createElement("div");
      buttons.className = "buttons";
      // Fixed markup, nothing the user typed: the same three choices the server's dialog offers.
      buttons.innerHTML = '<button type="button" data-conflict="mine" class="primary">Keep mine</button> ' +
        '<button type="button" data-conflict="both">Keep both</button> ' +
        '<button type="button" data-conflict="theirs">Keep the saved version</button>';
      var choices = document.createElement("ul");
      choices.className = "choices";
      choices.innerHTML = "<li><strong>Keep mine</strong>: your board replaces the saved one.</li>" +
        "<li><strong>Keep both</strong>: every box and arrow either board has; where both changed the same box, yours.</li>" +
        "<li><strong>Keep the saved version</strong>: the page shows the saved board; yours stays in the revision list.</li>";
      wrap.appendChild(h); wrap.appendChild(p); wrap.appendChild(differ); wrap.appendChild(versions);
      wrap.appendChild(buttons); wrap.appendChild(choices);
      dialog.appendChild(wrap);
    }
    dialog.querySelector('[data-conflict="mine"]').addEventListener("click", function () {
      dialog.close();
      autosave.keepMine();
    });
    dialog.querySelector('[data-conflict="theirs"]').addEventListener("click", function () {
      autosave.keepTheirs(root().dataset.restoreUrl);
    });
    var both = dialog.querySelector('[data-conflict="both"]');
    if (both) both.addEventListener("click", function () { autosave.keepBoth(root().dataset.mergeUrl); });
    if (!dialog.open) dialog.showModal();
  }

  /* What differs between two boards, in words: boxes and arrows only one has, boxes renamed, re-kinded or moved. */
  function boardChanges(mine, theirs) {
    if (!mine || !theirs || !mine.nodes || !theirs.nodes) return [];
    var out = [], name = function (n) { return "\u201c" + (n.data.label || n.data.kind) + "\u201d"; };
    var theirNodes = {}, myNodes = {};
    theirs.nodes.forEach(function (n) { theirNodes[n.data.id] = n; });
    mine.nodes.forEach(function (n) {
      myNodes[n.data.id] = n;
      var t = theirNodes[n.data.id];
      if (!t) { out.push("Yours has the box " + name(n) + "; the saved board doesn’t."); return; }
      if ((n.data.label || "") !== (t.data.label || "")) out.push("The box " + name(t) + " is called " + name(n) + " in yours.");
      if (n.data.kind !== t.data.kind) out.push("The box " + name(n) + " is a " + n.data.kind + " in yours, a " + t.data.kind + " in the saved board.");
      if ((n.data.replicas || 1) !== (t.data.replicas || 1)) out.push("The box " + name(n) + " has " + (n.data.replicas || 1) + " replicas in yours, " + (t.data.replicas || 1) + " in the saved board.");
      var p = n.position || {}, q = t.position || {};
      if (Math.abs((p.x || 0) - (q.x || 0)) > 1 || Math.abs((p.y || 0) - (q.y || 0)) > 1) out.push("The box " + name(n) + " is moved in yours.");
    });
    theirs.nodes.forEach(function (n) { if (!myNodes[n.data.id]) out.push("The saved board has the box " + name(n) + "; yours doesn’t."); });
    var arrow = function (e, nodes) {
      var s = nodes[e.data.source], t = nodes[e.data.target];
      return (s ? name(s) : e.data.source) + " → " + (t ? name(t) : e.data.target);
    };
    var theirEdges = {}, myEdges = {};
    theirs.edges.forEach(function (e) { theirEdges[e.data.id] = e; });
    mine.edges.forEach(function (e) {
      myEdges[e.data.id] = e;
      var t = theirEdges[e.data.id];
      if (!t) out.push("Yours has the arrow " + arrow(e, myNodes) + "; the saved board doesn’t.");
      else if ((e.data.label || "") !== (t.data.label || "") || (e.data.mode || "sync") !== (t.data.mode || "sync")) out.push("The arrow " + arrow(e, myNodes) + " is labelled or drawn differently in yours.");
    });
    theirs.edges.forEach(function (e) { if (!myEdges[e.data.id]) out.push("The saved board has the arrow " + arrow(e, theirNodes) + "; yours doesn’t."); });
    return out.length ? out : ["The two boards are the same; keeping either loses nothing."];
  }

  function summarize(board) {
    if (!board || !board.nodes) return JSON.stringify(board, null, 2);
    var labels = {};
    var lines = board.nodes.map(function (n) { labels[n.data.id] = n.data.label || n.data.kind; return "□ " + labels[n.data.id] + " (" + n.data.kind + ")"; });
    board.edges.forEach(function (e) { lines.push("→ " + labels[e.data.source] + " → " + labels[e.data.target] + (e.data.label ? " \u201c" + e.data.label + "\u201d" : "")); });
    return lines.join("\n") || "(an empty board)";
  }

  /* The split between the board and the panel: dragged, or moved with the arrow keys on the
     splitter; the panel hidden and shown with Enter there or the toolbar's Panel button. Both are
     kept in this browser. The board follows its new size (Cytoscape only watches the window). */
  var WIDTH_KEY = "designer.panelWidth", HIDDEN_KEY = "designer.panelHidden";
  function layout(el) {
    var splitter = document.getElementById("splitter"), toggle = document.querySelector(".panel-toggle");
    if (!splitter) return;
    function remembered(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
    function remember(key, value) {
      try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) { /* disabled */ }
    }
    function panelWidth() { var panel = document.getElementById("panel"); return panel ? panel.getBoundingClientRect().width : 0; }
    function bounds() {
      var total = el.getBoundingClientRect().width;
      return { min: 280, max: Math.max(280, total - 230 - 360) };  // the board keeps 360 px at least
    }
    function say() {
      var total = el.getBoundingClientRect().width || 1;
      splitter.setAttribute("aria-valuenow", String(Math.round(100 * panelWidth() / total)));
      splitter.setAttribute("aria-valuetext", el.classList.contains("panel-collapsed") ? "panel hidden" : Math.round(panelWidth()) + " pixels");
    }
    function setWidth(width, keep) {
      var b = bounds();
      width = Math.round(Math.min(b.max, Math.max(b.min, width)));
      el.style.setProperty("--panel-width", width + "px");
      if (keep) remember(WIDTH_KEY, String(width));
      say();
    }
    function setHidden(hidden) {
      el.classList.toggle("panel-collapsed", hidden);
      if (toggle) toggle.setAttribute("aria-expanded", hidden ? "false" : "true");
      remember(HIDDEN_KEY, hidden ? "1" : null);
      say();
    }
    var saved = parseInt(remembered(WIDTH_KEY), 10);
    if (saved > 0) setWidth(saved, false);
    if (remembered(HIDDEN_KEY) === "1") setHidden(true);
    say();
    splitter.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) return;
      event.preventDefault();
      splitter.setPointerCapture(event.pointerId);
      splitter.classList.add("dragging");
      if (el.classList.contains("panel-collapsed")) setHidden(false);
      var right = el.getBoundingClientRect().right - 12;  // the page's padding
      function move(e) { setWidth(right - e.clientX - 5, false); }
      function up(e) {
        splitter.removeEventListener("pointermove", move);
        splitter.removeEventListener("pointerup", up);
        splitter.classList.remove("dragging");
        setWidth(right - e.clientX - 5, true);
      }
      splitter.addEventListener("pointermove", move);
      splitter.addEventListener("pointerup", up);
    });
    splitter.addEventListener("keydown", function (event) {
      var step = event.shiftKey ? 96 : 24, b = bounds();
      if (event.key === "ArrowLeft") setWidth(panelWidth() + step, true);
      else if (event.key === "ArrowRight") setWidth(panelWidth() - step, true);
      else if (event.key === "Home") setWidth(b.max, true);
      else if (event.key === "End") setWidth(b.min, true);
      else if (event.key === "Enter" || event.key === " ") setHidden(!el.classList.contains("panel-collapsed"));
      else return;
      event.preventDefault();
    });
    if (toggle) toggle.addEventListener("click", function () { setHidden(!el.classList.contains("panel-collapsed")); });
    // The skip link to the panel shows it first, if it was hidden.
    document.querySelectorAll('a[href="#panel"]').forEach(function (link) {
      link.addEventListener("click", function () { if (el.classList.contains("panel-collapsed")) setHidden(false); });
    });
    var cyBox = document.getElementById("cy");
    if (cyBox && window.ResizeObserver) {
      new ResizeObserver(function () { if (whiteboard) whiteboard.cy.resize(); }).observe(cyBox);
    }
  }

  function init() {
    var el = root();
    if (!el || el.dataset.ready) return;
    el.dataset.ready = "1";
    el.startedAt = Date.now() - parseFloat(el.dataset.elapsed || "0") * 1000;
    autosave = new window.DesignerAutosave(el);
    if (autosave.stale) return;  // being loaded again, newer
    window.designerAutosave = autosave;
    autosave.listeners.push(function (event, key) {
      if (event === "conflict") showConflict(key);
      if (event === "conflict-error") {
        var dialog = document.getElementById("conflict-dialog"), note = dialog.querySelector(".conflict-error");
        if (!note) {
          note = document.createElement("p");
          note.className = "conflict-error error";
          note.setAttribute("role", "alert");
          dialog.prepend(note);
        }
        note.textContent = "That didn't work: " + key + ". Both versions are still here; try again.";
      }
      if (event === "adopted") showAdopted(key);
      var hints = document.getElementById("hints");  // practice mode: what the grader now sees missing
      if (event === "saved" && hints) htmx.trigger(hints, "refresh");
      var capacity = document.getElementById("capacity");  // the board at its peak, while it is shown
      if (event === "saved" && capacity && whiteboard && whiteboard.capacityOn()) htmx.trigger(capacity, "refresh");
    });
    if (window.cytoscape && document.getElementById("cy")) {
      whiteboard = new window.DesignerWhiteboard(el, autosave);
      window.designerWhiteboard = whiteboard;
      // The capacity view's "fail the box I click": a tap on a box fails it (the list does the same
      // from the keyboard).
      whiteboard.cy.on("tap", "node", function (event) {
        var pick = document.querySelector('#capacity-controls input[name="pick"]');
        var list = document.querySelector('#capacity-controls select[name="fail"]');
        if (!whiteboard.capacityOn() || !pick || !pick.checked || !list) return;
        if (!list.querySelector('option[value="' + CSS.escape(event.target.id()) + '"]')) return;
        list.value = event.target.id();
        list.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }
    layout(el);
    clocks();
    if (el.dataset.status === "open") setInterval(clocks, 1000);
  }

  document.addEventListener("DOMContentLoaded", init);

  var capacityControl = null;
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#capacity-controls")) capacityControl = event.target.name;
  });

  htmx.onLoad(function (content) {
    if (!root()) return;
    init();
    content.querySelectorAll && content.querySelectorAll("form[data-autosave]").forEach(watchPanel);
    if (content.matches && content.matches("form[data-autosave]")) watchPanel(content);
    // Board forms sent back by the server (a refused form) carry its board: the canvas loads it,
    // unless the canvas holds a change not yet saved (newer), or this is the page's first load
    // (the canvas was built from the same data, or from a change waiting in the queue).
    var data = document.getElementById("board-data");
    if (whiteboard && data && content !== document.body && content.contains && content.contains(data) &&
        !autosave.changing("board")) {
      whiteboard.load(JSON.parse(data.textContent));
      autosave.saw("board", data.dataset.revision);
    }
    if (content.id === "rail" || (content.querySelector && content.querySelector("#rail"))) clocks();
    if (content.id === "capacity" && whiteboard) {
      // Turned off while it was on its way: it stays hidden and colours nothing.
      content.hidden = !whiteboard.capacityOn();
      var figures = content.querySelector("#capacity-data");
      whiteboard.showCapacity(content.hidden || !figures ? null : JSON.parse(figures.textContent));
      // A change to its form replaced the form: keep the keyboard on the control that was changed.
      var control = capacityControl && content.querySelector('#capacity-controls [name="' + capacityControl + '"]');
      if (control && (document.activeElement === document.body || !document.activeElement)) control.focus();
      capacityControl = null;
    }
  });

  /* A step chosen from the keyboard: once the rail is drawn again, the keyboard is on that step's
     button, not lost to the top of the page. */
  var stepFocus = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.closest && form.closest("#rail") && form.contains(document.activeElement) && form.elements.step) {
      stepFocus = form.elements.step.value;
    }
  });
  htmx.onLoad(function (content) {
    if (!stepFocus || !(content.id === "rail" || content.id === "panel")) return;
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;  // the user is elsewhere already
    var button = document.querySelector('#rail li[data-step="' + stepFocus + '"] button');
    if (button) { button.focus(); stepFocus = null; }
  });

  /* Every htmx write carries the revision; it waits for queued saves first, so it builds on them,
     and for the write before it: htmx writes go one at a time, in the order asked. (Not htmx's own
     hx-sync queue: a step's answer redraws the rail, and htmx drops a queued request whose element
     is gone, then never sends the ones behind it.) A write whose element was redrawn meanwhile is
     sent from the element that replaced it: the same action with the same values. */
  var writes = [], writing = false, passing = null;
  function actionOf(el) {
    return el.getAttribute("hx-post") || el.getAttribute("hx-put") || el.getAttribute("hx-delete");
  }
  function sameForm(gone) {
    var action = actionOf(gone);
    if (!action) return null;
    function values(form) {
      var out = [];
      new FormData(form).forEach(function (value, name) {
        if (name !== "csrf_token" && name !== "revision") out.push(name + "=" + value);
      });
      return out.join("&");
    }
    var wanted = gone.tagName === "FORM" ? values(gone) : "";
    var found = null;
    document.querySelectorAll(gone.tagName + "[hx-post], " + gone.tagName + "[hx-put], " + gone.tagName + "[hx-delete]").forEach(function (el) {
      if (!found && actionOf(el) === action && (el.tagName !== "FORM" || values(el) === wanted)) found = el;
    });
    return found;
  }
  /* A hint's form goes with its step: asked for as another step opened, the hint is not taken (the
     new step doesn't show it, and it may cost points), and the new step's panel says so. In the
     same step a form goes only when the list changed under it (a second click on a level already
     taken, a criterion now met): the list shows why, and nothing is said. Decided once the swap
     that took the form away has settled (htmx settles after 20 ms): until then the panel on the
     page may still be the old step's. */
  function notSent(gone) {
    var action = actionOf(gone) || "", item = gone.closest("li[data-criterion]");
    var step = gone.elements && gone.elements.step ? gone.elements.step.value : "";
    if (action.indexOf("/hints/") < 0 || !item) return;
    var title = item.querySelector("strong");
    setTimeout(function () {
      var hints = document.getElementById("hints"), panel = document.getElementById("panel");
      if (!hints || !panel || panel.classList.contains("panel-" + step)) return;
      var note = document.createElement("p");
      note.className = "help hint-dropped";
      note.setAttribute("role", "status");
      hints.parentNode.insertBefore(note, hints);  // beside the hints, which redraw themselves
      setTimeout(function () {  // filled once it is on the page, so a screen reader announces it
        note.textContent = "Your hint for \u201c" + (title ? title.textContent : item.dataset.criterion) +
          "\u201d was not taken: another step opened before it was sent. Nothing was charged; " +
          "it is still on offer in its own step.";
      }, 100);
    }, 100);
  }
  function nextWrite() {
    if (writing || !writes.length) return;
    var write = writes.shift();
    writing = true;
    function done() { writing = false; nextWrite(); }
    autosave.drained().then(function () {
      var sent;
      try {
        if (write.elt.isConnected) {
          sent = write.issue(true);
        } else {
          var same = sameForm(write.elt);
          if (!same) { notSent(write.elt); done(); return; }  // nothing on the page does that any more
          passing = same;
          sent = htmx.ajax(write.verb, write.path, { source: same });
        }
      } catch (error) {
        passing = null;
        done();  // a write that could not be sent must not hold up the ones behind it
        throw error;
      }
      if (sent && sent.then) sent.then(done, done);
      else done();
    });
  }
  document.addEventListener("htmx:confirm", function (event) {
    if (!autosave) return;
    var detail = event.detail;
    if (detail.elt === passing) { passing = null; return; }
    if (detail.verb === "get") {
      if (autosave.idle()) return;
      event.preventDefault();
      autosave.drained().then(function () { detail.issueRequest(true); });
      return;
    }
    event.preventDefault();
    detail.etc.returnPromise = true;  // issueRequest then answers a promise, settled when it is done
    writes.push({ elt: detail.elt, verb: detail.verb, path: detail.path, issue: detail.issueRequest });
    nextWrite();
  });
  /* A write is based on the revision at which the page last saw the part it changes. */
  document.addEventListener("htmx:configRequest", function (event) {
    if (autosave) event.detail.headers["If-Match"] = String(autosave.baseOf(event.detail.path));
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
          if (b.dataset.conflict === "mine" && !isNaN(current)) {
            autosave.saw(event.detail.requestConfig.path, current);
            dialog.close();
          }
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
    if (xhr.status >= 300 || isNaN(revision)) return;
    // A write to a part: the page now has it as saved. Anything else (a step opened) tells only how
    // new the session is; a part it shows says its own revision (data-revision).
    var path = event.detail.requestConfig && event.detail.requestConfig.path;
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (verb && verb !== "get" && window.DesignerAutosave.partOf(path)) autosave.saw(path, revision);
    else autosave.setRevision(revision);
  });
  document.addEventListener("htmx:sendError", function () {
    if (autosave) autosave.goOffline();
  });
})();
