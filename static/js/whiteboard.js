/* The whiteboard: Cytoscape.js with edgehandles, the page's one island of interactivity.
 *
 * The board's JSON is Cytoscape's own elements JSON, the same shape the server keeps. Every change
 * (add, move, connect, rename, delete, undo) is queued with the autosave as one PUT of the board.
 */
(function () {
  "use strict";

  // Shapes and colours per kind come from the server (designer/kind_styles.py), so SVG exports match.
  var SHAPES = JSON.parse(document.getElementById("kind-styles").textContent);
  var ZONE_STYLES = JSON.parse(document.getElementById("zone-styles").textContent);

  function style() {
    var rules = [
      { selector: "node", style: {
        "label": "data(label)", "text-valign": "center", "text-halign": "center", "text-wrap": "wrap",
        "text-max-width": "110px", "font-size": 12, "width": 120, "height": 52, "border-width": 2,
        "color": "#0f172a" } },
      { selector: "node[replicas > 1]", style: { "border-style": "double", "border-width": 6 } },
      // A zone: a labelled area drawn around its boxes (a compound node), its name at the top.
      { selector: "node.zone", style: {
        "shape": "round-rectangle", "background-color": "#f8fafc", "background-opacity": 0.55, "border-style": "dashed",
        "border-width": 2, "border-color": "#64748b", "text-valign": "top", "text-halign": "center", "text-margin-y": -4,
        "font-size": 13, "font-weight": "bold", "color": "#334155", "padding": "24px", "width": 180, "height": 100 } },
      // A note: free text on a sticky, never a component.
      { selector: "node.note", style: {
        "shape": "rectangle", "label": "data(text)", "background-color": ZONE_STYLES.note[0], "border-color": ZONE_STYLES.note[1],
        "border-width": 1, "width": 170, "height": 70, "font-size": 11, "text-max-width": "156px" } },
      { selector: "node:selected", style: { "overlay-opacity": 0.12, "overlay-color": "#2563eb", "border-color": "#2563eb" } },
      { selector: "edge", style: {
        "curve-style": "bezier", "target-arrow-shape": "triangle", "width": 2, "line-color": "#64748b",
        "target-arrow-color": "#64748b", "label": "data(label)", "font-size": 10, "text-rotation": "autorotate",
        "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2 } },
      { selector: "edge[mode = 'async']", style: { "line-style": "dashed" } },
      // The capacity view: utilisation under the label, a colour per verdict, the drill's damage.
      { selector: "node.cap", style: { "label": function (n) { return (n.data("label") || "") + (n.scratch("_capacity") ? "\n" + n.scratch("_capacity") : ""); } } },
      { selector: "node.cap-ok", style: { "border-color": "#15803d", "border-width": 4 } },
      { selector: "node.cap-hot", style: { "border-color": "#b45309", "border-width": 5 } },
      { selector: "node.cap-over", style: { "border-color": "#b91c1c", "border-width": 7 } },
      { selector: "node.cap-bottleneck", style: { "underlay-color": "#b91c1c", "underlay-opacity": 0.25, "underlay-padding": 8 } },
      { selector: "node.cap-degraded", style: { "border-color": "#b91c1c", "border-style": "dashed", "border-width": 7 } },
      { selector: "node.cap-failed", style: { "opacity": 0.35 } },
      { selector: "edge.cap-broken", style: { "line-color": "#b91c1c", "target-arrow-color": "#b91c1c", "line-style": "dashed", "width": 3 } },
      { selector: "edge[mode = 'replication']", style: { "line-style": "dotted", "target-arrow-shape": "diamond" } },
      { selector: "edge:selected", style: { "line-color": "#2563eb", "target-arrow-color": "#2563eb", "width": 3 } },
      { selector: "node.connect-source", style: { "border-color": "#2563eb", "border-width": 4, "border-style": "dashed" } },
      { selector: ".eh-handle", style: { "background-color": "#2563eb", "width": 12, "height": 12, "shape": "ellipse", "border-width": 0, "label": "" } },
      { selector: ".eh-hover", style: { "background-color": "#bfdbfe" } },
      { selector: ".eh-source", style: { "border-color": "#2563eb", "border-width": 4 } },
      { selector: ".eh-target", style: { "border-color": "#2563eb", "border-width": 4 } },
      { selector: ".eh-preview, .eh-ghost-edge", style: { "line-color": "#2563eb", "target-arrow-color": "#2563eb", "line-style": "dashed" } },
      { selector: ".eh-ghost-edge.eh-preview-active", style: { "opacity": 0 } },
      { selector: ".arrow-handle", style: { "shape": "ellipse", "width": 14, "height": 14, "background-color": "#2563eb",
                                            "border-width": 2, "border-color": "#ffffff", "label": "", "z-index": 99 } }
    ];
    // colours per zone kind (designer/kind_styles.py), right after the rule every zone has
    var after = rules.findIndex(function (rule) { return rule.selector === "node.zone"; }) + 1;
    Object.keys(ZONE_STYLES.zones).forEach(function (kind, i) {
      var colours = ZONE_STYLES.zones[kind];
      rules.splice(after + i, 0, { selector: "node.zone[zoneKind = '" + kind + "']", style: { "background-color": colours[0], "border-color": colours[1] } });
    });
    Object.keys(SHAPES).forEach(function (kind) {
      var s = SHAPES[kind];
      rules.push({ selector: "node[kind = '" + kind + "']", style: { "shape": s[0], "background-color": s[1], "border-color": s[2] } });
    });
    return rules;
  }

  var NOT_DRAWN = ".eh-handle, .eh-ghost, .arrow-handle";

  /* What the board shows: boxes, zones and notes (not edgehandles' nodes or the arrow handle). */
  function drawnOf(cy) { return cy.nodes().not(NOT_DRAWN); }

  /* The board's boxes: the components, not zones or notes. */
  function boxesOf(cy) { return cy.nodes().not(NOT_DRAWN + ", .zone, .note"); }

  function isBox(node) { return !node.is(NOT_DRAWN + ", .zone, .note"); }

  /* A zone's label, or the name of its kind (the server's names, in the side editor's list). */
  function zoneName(zone) {
    var kind = zone.data("zoneKind") || "zone";
    var option = document.querySelector('#inspector select[name="zone_kind"] option[value="' + kind + '"]');
    return zone.data("label") || (option ? option.textContent : kind);
  }

  function rounded(p) { return { x: Math.round(p.x), y: Math.round(p.y) }; }

  /* Whether a box placed at `spot` would overlap one of `nodes` (a box and a margin either way). */
  function clashes(nodes, spot) {
    return nodes.some(function (n) {
      var q = n.position();
      return Math.abs(q.x - spot.x) < 130 && Math.abs(q.y - spot.y) < 66;
    });
  }

  /* What the server keeps of an element: its data and (for boxes and notes) position, nothing of
     Cytoscape's own state; zones and notes only on a board that has them. */
  function boardJson(cy) {
    var nodes = boxesOf(cy).map(function (n) {
      var data = clean(n.data());
      if ("_zone" in data) { data.parent = data._zone; delete data._zone; }  // see boardElements
      return { data: data, position: rounded(n.position()) };
    });
    var edges = cy.edges().not(".eh-ghost-edge, .eh-preview").map(function (e) { return { data: clean(e.data()) }; });
    var board = Object.assign({}, cy.scratch("_boardExtra") || {}, { nodes: nodes, edges: edges });
    var zones = cy.nodes(".zone").map(function (z) {
      var data = clean(z.data()), outer = data._outer || {};
      delete data._outer;
      if ("zoneKind" in data) { data.kind = data.zoneKind; delete data.zoneKind; }
      var zone = Object.assign({}, outer, { data: data });
      if (!z.isParent()) zone.position = rounded(z.position());  // an empty zone keeps its own place
      return zone;
    });
    var notes = cy.nodes(".note").map(function (n) { return { data: clean(n.data()), position: rounded(n.position()) }; });
    var had = cy.scratch("_boardHad") || {};
    if (zones.length || had.zones) board.zones = zones;
    if (notes.length || had.notes) board.notes = notes;
    return board;
  }

  /* A board (the session format's shape) as Cytoscape's elements: zones as compound nodes the boxes
     in them are children of (a zone's `kind` as `zoneKind`, so that `[kind]` means a box), notes as
     nodes showing their text. A box whose zone is not on the board keeps it aside (`_zone`). */
  function boardElements(board) {
    board = board || {};
    var zoneIds = {};
    var zones = (board.zones || []).map(function (z) {
      var data = clean(Object.assign({}, z.data)), outer = Object.assign({}, z);
      zoneIds[data.id] = true;
      delete outer.data;
      delete outer.position;
      if (Object.keys(outer).length) data._outer = outer;  // keys beside data the canvas doesn't use
      if ("kind" in data) { data.zoneKind = data.kind; delete data.kind; }
      if (data.parent === null) delete data.parent;
      var element = { group: "nodes", data: data, classes: "zone" };
      if (z.position) element.position = z.position;
      return element;
    });
    var nodes = (board.nodes || []).map(function (n) {
      if (!n.data || n.data.parent === undefined || zoneIds[n.data.parent]) return Object.assign({ group: "nodes" }, n);
      var data = Object.assign({}, n.data, { _zone: n.data.parent });
      delete data.parent;
      return Object.assign({ group: "nodes" }, n, { data: data });
    });
    var notes = (board.notes || []).map(function (n) {
      return { group: "nodes", data: Object.assign({}, n.data), position: n.position || { x: 0, y: 0 }, classes: "note" };
    });
    var edges = (board.edges || []).map(function (e) { return Object.assign({ group: "edges" }, e); });
    return zones.concat(nodes, notes, edges);
  }

  /* Keep what a board has beside its boxes, arrows, zones and notes (keys a newer version or
     another tool wrote): the canvas doesn't show them, but saves them back as they were. */
  function keepExtra(cy, board) {
    var extra = {}, drawn = { nodes: 1, edges: 1, zones: 1, notes: 1 };
    Object.keys(board || {}).forEach(function (key) { if (!drawn[key]) extra[key] = board[key]; });
    cy.scratch("_boardExtra", extra);
    cy.scratch("_boardHad", { zones: !!(board && board.zones), notes: !!(board && board.notes) });
  }

  function clean(data) {
    var out = {};
    Object.keys(data).forEach(function (k) { if (data[k] !== undefined) out[k] = data[k]; });
    return out;
  }

  function slug(text) {
    return (text || "node").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "node";
  }

  function newId(cy, stem) {
    var base = slug(stem), id = base, n = 2;
    while (cy.getElementById(id).length) { id = base + "-" + n; n += 1; }
    return id;
  }

  // A view shown without being asked for (a page load, an import, a restore, a replay) keeps labels
  // legible (12 px labels never under 9 px) and one box at a sane size: a big board starts at its top
  // left, to be panned or fitted whole (F) by the user.
  var READABLE_ZOOM = 0.75, MAX_ZOOM = 1.5;

  /* Fit `cy`'s boxes in view, within [READABLE_ZOOM, MAX_ZOOM] unless `whole` (the Fit button):
     then only the maximum holds. */
  function fitReadable(cy, padding, whole) {
    var boxes = drawnOf(cy);
    if (!boxes.length) { cy.zoom(1); return; }
    cy.fit(boxes, padding);
    if (cy.zoom() > MAX_ZOOM) {
      cy.zoom(MAX_ZOOM);
      cy.center(boxes);
    } else if (!whole && cy.zoom() < READABLE_ZOOM) {
      var bb = boxes.boundingBox();
      cy.zoom(READABLE_ZOOM);
      cy.pan({ x: padding - bb.x1 * READABLE_ZOOM, y: padding - bb.y1 * READABLE_ZOOM });
    }
  }

  function Whiteboard(root, autosave) {
    this.root = root;
    this.autosave = autosave;
    this.readonly = root.dataset.editable !== "1";  // submitted, or watched by someone else
    this.undoStack = [];
    this.redoStack = [];
    this.container = document.getElementById("cy");
    var board = JSON.parse(document.getElementById("board-data").textContent);
    // A board save still waiting in the queue (from before a reload, or made offline) is newer than
    // the server's: show it, or the next change would save the older board over it.
    var waiting = autosave.unsaved("board"), shownWaiting = false;
    if (waiting && !this.readonly) {
      try { board = JSON.parse(waiting.body); shownWaiting = true; } catch (e) { /* keep the server's */ }
    }
    this.cy = cytoscape({
      container: this.container,
      elements: boardElements(board),
      style: style(),
      layout: { name: "preset" },
      wheelSensitivity: 0.3,
      autoungrabify: this.readonly,
      boxSelectionEnabled: true
    });
    keepExtra(this.cy, board);
    this.last = JSON.stringify(boardJson(this.cy));
    fitReadable(this.cy, 40);
    this.eh = this.cy.edgehandles({
      canConnect: function (source, target) { return !source.same(target) && isBox(source) && isBox(target); },
      edgeParams: function (source, target) {
        return { data: { id: newId(this.cy, source.id() + "-" + target.id()), source: source.id(), target: target.id(), label: "", mode: "sync" } };
      }.bind(this),
      hoverDelay: 150,
      snap: true,
      noEdgeEventsInDraw: true,
      disableBrowserGestures: true
    });
    window.cy = this.cy;
    window.eh = this.eh;
    this.bind();
    this.bindForms();
    if (this.bindKeyboard) this.bindKeyboard();
    if (shownWaiting) this.syncForms();
  }

  Whiteboard.prototype.bind = function () {
    var self = this, cy = this.cy;
    cy.on("ehcomplete", function (event, source, target, edge) {
      self.changed("connect");
      cy.$(":selected").unselect();  // the new arrow alone is selected, so the side form edits it
      edge.select();
    });
    // A box let go snaps to the 20 px grid (the dots on the board), so boxes line up by themselves.
    cy.on("grab", "node", function (event) {
      if (!isBox(event.target)) return;
      self.outlines = {};
      cy.nodes(".zone").forEach(function (zone) { self.outlines[zone.id()] = zone.boundingBox(); });
    });
    cy.on("dragfree", "node", function (event) {
      if (event.target.hasClass("arrow-handle")) return;
      if (self.snap && !event.target.isParent()) self.snap(event.target);  // a zone's place is its boxes'
      if (isBox(event.target)) self.dropInZone(event.target);
      self.changed("move");
    });
    this.bindHandle();
    cy.on("select unselect", function () { self.inspect(); });
    // A double click on a box or an arrow edits its label on the board (board_keyboard.js).
    document.querySelectorAll(".palette-item").forEach(function (button) {
      button.addEventListener("click", function () {
        self.addNode(button.dataset.kind, self.freeSpot());
      });
      button.addEventListener("dragstart", function (event) {
        event.dataTransfer.setData("application/x-designer-kind", button.dataset.kind);
        event.dataTransfer.effectAllowed = "copy";
      });
    });
    this.container.addEventListener("dragover", function (event) {
      var types = Array.prototype.slice.call(event.dataTransfer.types);
      if (types.indexOf("application/x-designer-kind") >= 0 || types.indexOf("Files") >= 0) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }
    });
    this.container.addEventListener("drop", function (event) {
      var files = event.dataTransfer.files;
      var form = document.getElementById("board-import");
      if (files && files.length && form && !self.readonly) {
        // A diagram file dropped on the board: confirm its boxes' kinds, then they join the board.
        event.preventDefault();
        form.querySelector('input[type="file"]').files = files;
        form.submit();
        return;
      }
      var kind = event.dataTransfer.getData("application/x-designer-kind");
      if (!kind) return;
      event.preventDefault();
      var rect = self.container.getBoundingClientRect(), pan = cy.pan(), zoom = cy.zoom();
      self.addNode(kind, { x: (event.clientX - rect.left - pan.x) / zoom, y: (event.clientY - rect.top - pan.y) / zoom });
    });
    var png = document.querySelector('.export-menu [data-action="png"]');
    if (png) png.addEventListener("click", function () { self.downloadPng(); });
    document.querySelectorAll(".toolbar [data-action]").forEach(function (button) {
      button.addEventListener("click", function () { self.action(button.dataset.action); });
    });
    document.addEventListener("keydown", function (event) { self.key(event); });
    var inspector = document.getElementById("inspector");
    inspector.addEventListener("input", function (event) { self.edit(event.target); });
    inspector.addEventListener("change", function (event) { self.edit(event.target); });
    inspector.addEventListener("submit", function (event) { event.preventDefault(); });
  };

  /* The arrow handle: a dot on the right of the box under the pointer; drag it to another box. */
  Whiteboard.prototype.bindHandle = function () {
    var self = this, cy = this.cy, handle = null, owner = null;
    if (this.readonly) return;
    function place(node) {
      var box = node.boundingBox({ includeLabels: false });
      var at = { x: box.x2, y: (box.y1 + box.y2) / 2 };
      if (!handle || handle.removed()) {
        handle = cy.add({ group: "nodes", data: { id: "arrow-handle" }, classes: "arrow-handle", position: at });
        handle.ungrabify();
        handle.unselectify();
      } else {
        handle.position(at);
      }
      owner = node;
    }
    function hide() {
      if (handle && !handle.removed() && !self.eh.active) { handle.remove(); handle = null; owner = null; }
    }
    cy.on("mouseover", "node", function (event) {
      if (isBox(event.target) && !self.drawing) place(event.target);
    });
    cy.on("position", "node", function (event) { if (owner && event.target.same(owner)) place(owner); });
    cy.on("tapstart", "node.arrow-handle", function () { if (owner) self.eh.start(owner); });
    // The pointer rests on the box an arrow was just drawn to: its handle shows at once, so the
    // next arrow starts there without leaving the box and coming back.
    var drawnTo = null;
    cy.on("ehcomplete", function (event, source, target) { drawnTo = target; });
    cy.on("ehstop", function () {
      hide();
      if (drawnTo && !drawnTo.removed() && !self.drawing) place(drawnTo);
      drawnTo = null;
    });
    cy.on("tap", function (event) { if (event.target === cy) hide(); });
    this.handle = function () { return { owner: owner && owner.id(), node: handle }; };
  };

  Whiteboard.prototype.action = function (name) {
    var cy = this.cy;
    if (this.readonly && (["draw", "undo", "redo", "delete", "layout"].indexOf(name) >= 0 || name.indexOf("align-") === 0)) return;
    if (name === "draw") this.setDrawMode(!this.drawing);
    else if (name === "undo") this.undo();
    else if (name === "redo") this.redo();
    else if (name === "delete") this.deleteSelected();
    else if (name === "layout") this.layout();
    else if (name.indexOf("align-") === 0 && this.align) this.align(name.slice(6));
    else if (name === "capacity") this.toggleCapacity();
    else if (name === "fit") fitReadable(cy, 40, true);
    else if (name === "zoom-in") cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    else if (name === "zoom-out") cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };

  /* The whole board as a PNG on white, at twice screen scale so it stays legible when printed. */
  Whiteboard.prototype.downloadPng = function () {
    var handle = this.cy.$id("arrow-handle");
    handle.remove();
    var data = this.cy.png({ full: true, bg: "#ffffff", scale: 2, output: "base64uri" });
    var link = document.createElement("a");
    link.href = data;
    link.download = "board.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
    return data;
  };

  /* The capacity view (workspace/_capacity.html): shown beside the board and fetched again after
   * each save while it is open; the boxes are coloured from what it says (classes only: nothing of
   * it is saved with the board). */
  Whiteboard.prototype.toggleCapacity = function (on) {
    var section = document.getElementById("capacity"), button = document.querySelector('.toolbar [data-action="capacity"]');
    if (!section) return;
    on = on === undefined ? section.hidden : on;
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
    section.hidden = !on;
    if (on) htmx.trigger(section, "refresh");
    else this.showCapacity(null);
  };

  Whiteboard.prototype.capacityOn = function () {
    var button = document.querySelector('.toolbar [data-action="capacity"]');
    return !!button && button.getAttribute("aria-pressed") === "true";
  };

  Whiteboard.prototype.showCapacity = function (data) {
    var cy = this.cy, CLASSES = "cap cap-ok cap-hot cap-over cap-idle cap-scales cap-bottleneck cap-failed cap-degraded cap-broken";
    cy.elements().removeClass(CLASSES);
    if (!data) return;
    data.ids.forEach(function (id, i) {
      var node = cy.getElementById(id), u = data.utilisation[i];
      if (!node.length) return;
      node.addClass("cap cap-" + data.verdicts[i].replace(/ /g, "-"));
      node.scratch("_capacity", u === null || u === undefined ? "" : (u >= 0.01 || u === 0 ? Math.round(u * 100) + "%" : "<1%"));
    });
    if (data.bottleneck) cy.getElementById(data.bottleneck).addClass("cap-bottleneck");
    if (data.fail) cy.getElementById(data.fail).addClass("cap-failed");
    data.degraded.forEach(function (id) { cy.getElementById(id).addClass("cap-degraded"); });
    data.broken.forEach(function (id) { cy.getElementById(id).addClass("cap-broken"); });
  };

  Whiteboard.prototype.setDrawMode = function (on) {
    this.drawing = on;
    if (on) this.eh.enableDrawMode(); else this.eh.disableDrawMode();
    var button = document.querySelector('.toolbar [data-action="draw"]');
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
    this.container.classList.toggle("drawing", on);
  };

  Whiteboard.prototype.key = function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
    var mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "z") { event.preventDefault(); if (event.shiftKey) this.action("redo"); else this.action("undo"); }
    else if (mod && event.key.toLowerCase() === "y") { event.preventDefault(); this.action("redo"); }
    else if (mod && !this.readonly && this.clipboardKey && this.clipboardKey(event)) { event.preventDefault(); }
    else if (mod) return;
    else if (event.key === "Delete" || event.key === "Backspace") { if (this.cy.$(":selected").length) { event.preventDefault(); this.action("delete"); } }
    else if (event.key === "a" || event.key === "A") this.action("draw");
    else if (event.key === "l" || event.key === "L") this.action("layout");
    else if (event.key === "f" || event.key === "F") this.action("fit");
    else if ((event.key === "c" || event.key === "C") && document.getElementById("capacity")) this.action("capacity");
    else if (event.key === "+" || event.key === "=") this.action("zoom-in");
    else if (event.key === "-") this.action("zoom-out");
    else if (event.key === "Escape") { this.setDrawMode(false); this.cy.$(":selected").unselect(); }
  };

  /* `managed`: a box named for a service its provider runs replicated ("DynamoDB", "SQS"). */
  Whiteboard.prototype.addNode = function (kind, position, label, replicas, managed) {
    if (this.readonly) return;
    var name = ((document.querySelector('.palette-item[data-kind="' + kind + '"]') || {}).textContent || kind).trim();
    label = (label || "").trim() || name;
    var data = { id: newId(this.cy, label), kind: kind, label: label, replicas: replicas || 1 };
    if (managed) data.managed = true;
    var node = this.cy.add({ group: "nodes", data: data, position: position });
    if (this.snap) this.snap(node);
    this.cy.$(":selected").unselect();
    node.select();
    this.changed("add");
    return node;
  };

  /* A spot in view that no box covers: the centre, then down and across in box-sized steps. */
  Whiteboard.prototype.freeSpot = function () {
    var ext = this.cy.extent(), nodes = this.cy.nodes();
    var cx = (ext.x1 + ext.x2) / 2, cy0 = (ext.y1 + ext.y2) / 2;
    for (var ring = 0; ring < 12; ring++) {
      for (var col = -ring; col <= ring; col++) {
        var p = { x: cx + col * 150, y: cy0 + ring * 80 };
        if (!clashes(nodes, p)) return p;
      }
    }
    return { x: cx, y: cy0 };
  };

  Whiteboard.prototype.deleteSelected = function () {
    var selected = this.cy.$(":selected");
    if (!selected.length) return;
    this.removeKeepingBoxes(selected);
    this.changed("delete");
  };

  /* Remove `elements`; a zone among them leaves its boxes (and zones) where it was, in its own zone. */
  Whiteboard.prototype.removeKeepingBoxes = function (elements) {
    var cy = this.cy;
    elements.filter(".zone").forEach(function (zone) {
      var parent = zone.data("parent");
      var kept = zone.children().not(elements).map(function (child) { return child.id(); });
      kept.forEach(function (id) { cy.getElementById(id).move({ parent: parent && cy.getElementById(parent).length ? parent : null }); });
    });
    cy.getElementById("arrow-handle").remove();
    elements.filter(function (el) { return !el.removed(); }).remove();
  };

  Whiteboard.prototype.layout = function () {
    var self = this;
    var layout = this.cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 40, rankSep: 90, animate: false, fit: true, padding: 40 });
    layout.one("layoutstop", function () { self.changed("layout"); });
    layout.run();
  };

  /* Called after every change: remember the old board for undo, queue the save. */
  Whiteboard.prototype.changed = function (why) {
    var board = boardJson(this.cy), now = JSON.stringify(board);
    if (now === this.last) return;
    if (this.announceChange && this.last && (why === "add" || why === "delete" || why === "connect")) {
      var before = JSON.parse(this.last), ids = {};
      before.nodes.forEach(function (n) { ids[n.data.id] = true; });
      before.ids = ids;
      this.announceChange(why, before, board);
    }
    this.undoStack.push(this.last);
    if (this.undoStack.length > 200) this.undoStack.shift();
    if (why !== "redo") this.redoStack = [];
    this.last = now;
    this.save(now);
    this.syncForms();
  };

  Whiteboard.prototype.save = function (json) {
    var self = this;
    clearTimeout(this.saveTimer);
    function queue() {
      clearTimeout(self.saveTimer);
      self.autosave.enqueue("board", {
        method: "PUT", url: self.root.dataset.boardUrl, body: json, contentType: "application/json"
      });
    }
    this.autosave.touch("board", queue);
    this.saveTimer = setTimeout(queue, 250);
  };

  Whiteboard.prototype.restore = function (json) {
    var board = JSON.parse(json);
    this.cy.elements().remove();
    this.cy.add(boardElements(board));
    keepExtra(this.cy, board);
    this.last = json;
    this.save(json);
    this.syncForms();
    this.inspect();
  };

  Whiteboard.prototype.undo = function () {
    if (!this.undoStack.length) return;
    this.redoStack.push(this.last);
    this.restore(this.undoStack.pop());
  };

  Whiteboard.prototype.redo = function () {
    if (!this.redoStack.length) return;
    this.undoStack.push(this.last);
    this.restore(this.redoStack.pop());
  };

  /* Load a board the server sent (after a keyboard form changed it), keeping the view. */
  Whiteboard.prototype.load = function (board) {
    var json = JSON.stringify(board);
    if (json === this.last) return;
    this.undoStack.push(this.last);
    this.cy.elements().remove();
    this.cy.add(boardElements(board));
    keepExtra(this.cy, board);
    this.last = JSON.stringify(boardJson(this.cy));
    if (board.nodes.length <= 1) fitReadable(this.cy, 80);
  };

  /* The keyboard forms (Connect's lists of boxes, the board as a list) follow a canvas change from
   * the canvas itself, with no request: what the server renders in workspace/_board_forms.html. */
  Whiteboard.prototype.syncForms = function () {
    var forms = document.getElementById("board-forms");
    if (!forms) return;
    var names = {};
    forms.querySelectorAll('form.add-node select[name="kind"] option').forEach(function (o) { names[o.value] = o.textContent; });
    var nodes = boxesOf(this.cy), zones = this.cy.nodes(".zone");
    var edges = this.cy.edges().not(".eh-ghost-edge, .eh-preview");
    var labels = {};
    nodes.forEach(function (n) { labels[n.id()] = n.data("label") || names[n.data("kind")] || n.data("kind"); });
    var connect = forms.querySelector("form.add-edge");
    if (connect) {
      ["source", "target"].forEach(function (name, which) {
        // What the user picked stays picked; otherwise the first box and the second, as the server renders
        var select = connect.querySelector('select[name="' + name + '"]'), chosen = select.dataset.chosen;
        if (!select.dataset.watched) {
          select.dataset.watched = "1";
          select.addEventListener("change", function () { select.dataset.chosen = select.value; });
        }
        select.replaceChildren();
        nodes.forEach(function (n, index) {
          var option = new Option(labels[n.id()], n.id());
          option.selected = labels.hasOwnProperty(chosen) ? n.id() === chosen : index === which;
          select.appendChild(option);
        });
      });
      connect.querySelector('button[type="submit"]').disabled = nodes.length < 1;
    }
    var list = forms.querySelector(".board-list");
    list.querySelector("summary").textContent =
      "Board as a list (" + nodes.length + " components, " + edges.length + " arrows" +
      (zones.length ? ", " + zones.length + (zones.length === 1 ? " zone" : " zones") : "") + ")";
    var items = list.querySelector("ul.elements"), template = document.getElementById("board-delete-form");
    items.replaceChildren();
    function item(id, text, quoted, kind) {
      var li = document.createElement("li"), label = document.createElement("span"), kindSpan = document.createElement("span");
      li.dataset.id = id;
      label.className = "label";
      label.textContent = text;
      kindSpan.className = "kind";
      kindSpan.textContent = "(" + kind + ")";
      li.append(label, quoted ? " \u201c" + quoted + "\u201d " : " ", kindSpan);
      if (template) {
        var form = template.content.firstElementChild.cloneNode(true);
        var url = form.getAttribute("action").replace("__element__", encodeURIComponent(id));
        form.setAttribute("action", url);
        form.setAttribute("hx-post", url);
        form.querySelector("button").setAttribute("aria-label", "Delete " + text);
        li.append("\n        ", form);
      }
      items.appendChild(li);
      return li;
    }
    nodes.forEach(function (n) {
      var replicas = n.data("replicas") > 1 ? " \u00d7" + n.data("replicas") : "";
      var zone = n.parent();
      item(n.id(), labels[n.id()], "", (names[n.data("kind")] || n.data("kind")) + replicas + (zone.length ? ", in " + zoneName(zone) : ""));
    });
    edges.forEach(function (e) {
      item(e.id(), labels[e.data("source")] + " \u2192 " + labels[e.data("target")], e.data("label") || "", e.data("mode") || "sync");
    });
    if (window.htmx) htmx.process(items);
  };

  /* The keyboard forms change the board through the canvas, so the board has one write path (the
   * autosave's PUT): a form's own request could race a canvas save queued before its answer came.
   * Without JavaScript the same forms post to the server. A form this can't read (say, replicas
   * that are not a whole number) is left to the server, which explains what is wrong. */
  Whiteboard.prototype.bindForms = function () {
    var self = this;
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (self.readonly || !form.closest || !form.closest("#board-forms")) return;
      var done = false;
      if (form.matches("form.add-node")) done = self.addFromForm(form);
      else if (form.matches("form.add-edge")) done = self.connectFromForm(form);
      else if (form.closest(".board-list")) done = self.deleteFromForm(form);
      if (done) { event.preventDefault(); event.stopPropagation(); }
    }, true);
  };

  Whiteboard.prototype.addFromForm = function (form) {
    var kind = form.elements.kind.value, replicas = Number((form.elements.replicas.value || "1").trim());
    if (!kind || !Number.isInteger(replicas) || replicas < 1) return false;
    this.addNode(kind, this.freeSpot(), form.elements.label.value, replicas);
    form.elements.label.value = "";
    form.elements.replicas.value = "1";
    return true;
  };

  Whiteboard.prototype.connectFromForm = function (form) {
    var source = form.elements.source.value, target = form.elements.target.value;
    if (!this.cy.getElementById(source).length || !this.cy.getElementById(target).length) return false;
    var edge = this.cy.add({ group: "edges", data: {
      id: newId(this.cy, source + "-" + target), source: source, target: target,
      label: form.elements.label.value.trim(), mode: form.elements.mode.value || "sync" } });
    this.cy.$(":selected").unselect();
    edge.select();
    form.elements.label.value = "";
    this.changed("connect");
    return true;
  };

  Whiteboard.prototype.deleteFromForm = function (form) {
    var item = form.closest("li[data-id]");
    var element = item && this.cy.getElementById(item.dataset.id);
    if (!element || !element.length) return false;
    var next = item.nextElementSibling || item.previousElementSibling;
    element.remove();
    this.changed("delete");
    // keep the keyboard in the list: on the next delete button, or the list's summary
    var focus = next && document.querySelector('.board-list li[data-id="' + CSS.escape(next.dataset.id) + '"] button');
    (focus || document.querySelector(".board-list summary")).focus();
    return true;
  };

  Whiteboard.prototype.inspect = function () {
    var inspector = document.getElementById("inspector");
    var selected = this.cy.$(":selected");
    var error = inspector.querySelector(".inspector-error");
    error.hidden = true;
    if (selected.length !== 1) { inspector.hidden = true; return; }
    var el = selected[0], data = el.data(), what = el.isEdge() ? "edge" : el.hasClass("zone") ? "zone" : el.hasClass("note") ? "note" : "node";
    inspector.hidden = false;
    ["node", "edge", "zone", "note"].forEach(function (part) {
      var fields = inspector.querySelector(".for-" + part);
      if (fields) fields.hidden = part !== what;
    });
    if (what === "node") {
      inspector.elements.label.value = data.label || "";
      inspector.elements.kind.value = data.kind;
      inspector.elements.replicas.value = data.replicas || 1;
      inspector.elements.managed.checked = !!data.managed;
      inspector.elements.notes.value = data.notes || "";
      this.zoneChoices(inspector.elements.zone, el, data.parent);
    } else if (what === "zone") {
      inspector.elements.zone_label.value = data.label || "";
      inspector.elements.zone_kind.value = data.zoneKind || "zone";
      this.zoneChoices(inspector.elements.zone_parent, el, data.parent);
    } else if (what === "note") {
      inspector.elements.note_text.value = data.text || "";
    } else {
      inspector.elements.edge_label.value = data.label || "";
      inspector.elements.mode.value = data.mode || "sync";
    }
    inspector.querySelectorAll("input, select, textarea").forEach(function (f) { f.disabled = this.readonly; }, this);
  };

  Whiteboard.prototype.edit = function (field) {
    var selected = this.cy.$(":selected");
    if (selected.length !== 1 || this.readonly) return;
    var el = selected[0];
    var error = document.querySelector("#inspector .inspector-error");
    error.hidden = true;
    if (field.name === "replicas") {
      var n = Number(field.value);
      if (!Number.isInteger(n) || n < 1) {
        error.textContent = "Replicas: a whole number of at least 1.";
        error.hidden = false;
        return;
      }
      el.data("replicas", n);
    } else if (field.name === "managed") el.data("managed", field.checked);
    else if (field.name === "edge_label") el.data("label", field.value);
    else if (field.name === "label" || field.name === "kind" || field.name === "notes" || field.name === "mode") el.data(field.name, field.value);
    else if (field.name === "zone_label") el.data("label", field.value);
    else if (field.name === "zone_kind") el.data("zoneKind", field.value);
    else if (field.name === "note_text") el.data("text", field.value);
    else if (field.name === "zone" || field.name === "zone_parent") {
      if (field.type !== "select-one" || field.value === (el.data("parent") || "")) return;
      el = this.moveToZone(el, field.value || null);
      el.select();
    } else return;
    this.changed("edit");
  };

  /* Fill `select` with the zones `element` may be put in (none, or any zone not inside it). */
  Whiteboard.prototype.zoneChoices = function (select, element, current) {
    if (!select) return;
    select.replaceChildren(new Option("None", ""));
    this.cy.nodes(".zone").forEach(function (zone) {
      if (zone.same(element) || zone.ancestors().contains(element)) return;
      select.appendChild(new Option(zoneName(zone), zone.id()));
    });
    select.value = current || "";
  };

  /* Put a box (or a zone) in `zoneId` (null: in none): it goes beside the zone's other boxes, so the
     zone stays around what it holds. Returns the element as it is now (Cytoscape makes a new one). */
  Whiteboard.prototype.moveToZone = function (element, zoneId) {
    var zone = zoneId ? this.cy.getElementById(zoneId) : null;
    var others = zone ? zone.children().not(element) : null;
    var moved = element.move({ parent: zoneId });
    if (others && others.length && isBox(moved) && this.besideSpot) {
      var last = others.filter(isBox).last();
      if (last.length) moved.position(this.besideSpot(last));
    }
    return moved;
  };

  /* The zone a box let go of lies in: the innermost whose outline, as drawn when the box was
     grabbed, holds the box's centre (while a box is dragged Cytoscape grows its zones to keep it
     inside, so their outline then can't tell). */
  Whiteboard.prototype.zoneAt = function (box) {
    var point = box.position(), outlines = this.outlines || {}, found = null, depth = -1;
    this.cy.nodes(".zone").forEach(function (zone) {
      var area = outlines[zone.id()] || zone.boundingBox();
      if (point.x < area.x1 || point.x > area.x2 || point.y < area.y1 || point.y > area.y2) return;
      var nesting = zone.ancestors().length;
      if (nesting > depth) { found = zone; depth = nesting; }
    });
    return found;
  };

  /* A box dragged into a zone goes in it, and out of it when dragged out, as in a drawing tool;
     it stays where it was let go. Said in the live region (board_keyboard.js). */
  Whiteboard.prototype.dropInZone = function (box) {
    var zone = this.zoneAt(box), was = box.parent();
    if (zone ? was.same(zone) : !was.length) return box;
    var place = rounded(box.position()), selected = box.selected();
    var moved = box.move({ parent: zone ? zone.id() : null });
    moved.position(place);
    if (selected) moved.select();
    if (this.say) {
      var what = moved.data("label") || moved.data("kind");
      this.say(zone ? "Put " + what + " in " + zoneName(zone) + "." : "Took " + what + " out of " + zoneName(was) + ".");
    }
    return moved;
  };

  Whiteboard.prototype.newId = function (stem) { return newId(this.cy, stem); };

  Whiteboard.style = style;
  Whiteboard.fitReadable = fitReadable;
  Whiteboard.boxes = boxesOf;
  Whiteboard.drawn = drawnOf;
  Whiteboard.isBox = isBox;
  Whiteboard.elements = boardElements;
  Whiteboard.zoneName = zoneName;
  Whiteboard.clashes = clashes;
  window.DesignerWhiteboard = Whiteboard;
})();
