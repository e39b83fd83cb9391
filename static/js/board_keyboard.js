/* The whiteboard from the keyboard, and editing on the board itself.
 *
 * The canvas takes focus (Tab, or the skip link). Then: the arrow keys select the nearest box in that
 * direction; Shift+arrow moves the selected boxes a grid step; Enter (or a double click) edits the
 * label on the box, Esc cancels; E starts an arrow from the selected box, the arrow keys (or typing
 * the start of a box's label) choose its other end and Enter draws it, selected so that Tab reaches
 * its label and mode; "/" opens the command box, which goes to a box by its label or finds a kind by
 * name or by what people call it ("redis" is a cache, "kafka" a stream) and places it beside the
 * selection, connected from it ("/" + "zone", "vpc"… draws a zone around the selected boxes, "/" +
 * "note" adds a note). Space keeps a box selected while the arrow keys go on to others (Ctrl+A
 * selects them all); Esc lets them go. Esc in the side editor comes back to the board. Every change
 * is said in a live region, for screen readers.
 */
(function () {
  "use strict";

  var Whiteboard = window.DesignerWhiteboard;
  if (!Whiteboard) return;
  var GRID = 20;

  var boxes = Whiteboard.boxes;

  /* What a box, a zone or a note is called: its label, its kind's name, a note's text. */
  function name(node) {
    if (node.hasClass("zone")) return Whiteboard.zoneName(node);
    if (node.hasClass("note")) return "note " + JSON.stringify(String(node.data("text") || "").slice(0, 40));
    return node.data("label") || node.data("kind");
  }

  // What the command box adds beside components: a zone around the selected boxes, or a note.
  // The words are the command box's ("zone:…" and "note" beside the kinds).
  var AREA_WORDS = {
    "zone:region": ["Region", "cloud region"],
    "zone:availability_zone": ["Availability zone", "az", "data centre", "data center"],
    "zone:vpc": ["VPC", "virtual private cloud", "network"],
    "zone:subnet": ["Subnet", "private subnet", "public subnet"],
    "zone:zone": ["Zone", "group", "frame", "area", "boundary"],
    "note": ["Note", "text", "comment", "sticky note"]
  };

  /* A box's label, lower case, and the words in it ("Redis: sessions" → "redis", "sessions"). */
  function labelWords(node) {
    var label = String(name(node)).toLowerCase();
    return { label: label, words: label.split(/[\s:(/,-]+/).filter(Boolean) };
  }

  /* Whether a box's label, or one of its words, starts with `text` (lower case). */
  function labelStarts(node, text) {
    var l = labelWords(node);
    return l.label.indexOf(text) === 0 || l.words.some(function (w) { return w.indexOf(text) === 0; });
  }

  /* The box nearest `from` in `direction` ("left", "right", "up", "down"): ahead of it, and the
     least far off the line (a box straight ahead beats a nearer one off to the side). */
  function nearest(cy, from, direction) {
    var p = from.position(), best = null, bestScore = Infinity;
    boxes(cy).forEach(function (node) {
      if (node.same(from)) return;
      var q = node.position(), dx = q.x - p.x, dy = q.y - p.y;
      var ahead = { left: -dx, right: dx, up: -dy, down: dy }[direction];
      var aside = direction === "left" || direction === "right" ? Math.abs(dy) : Math.abs(dx);
      if (ahead <= 0) return;
      var score = ahead + 2 * aside;
      if (score < bestScore) { bestScore = score; best = node; }
    });
    return best;
  }

  var ARROWS = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

  Whiteboard.prototype.bindKeyboard = function () {
    var self = this, cy = this.cy;
    this.announcer = document.getElementById("board-announce");
    this.container.addEventListener("keydown", function (event) { self.canvasKey(event); });
    this.container.addEventListener("focus", function () {
      if (self.quietFocus) { self.quietFocus = false; return; }  // back from our own box: it said what happened
      if (!self.selectedBox() && boxes(cy).length) self.choose(self.firstBox());
      else self.describeSelection();
    });
    cy.on("dbltap", "node, edge", function (event) {
      if (!event.target.hasClass("arrow-handle")) self.editLabel(event.target);
    });
    this.bindCommandBox();
    var inspector = document.getElementById("inspector");
    if (inspector) inspector.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); self.focusCanvas(); self.describeSelection(); }
    });
  };

  /* Give the keyboard back to the canvas after the label editor or the command box. */
  Whiteboard.prototype.focusCanvas = function () {
    if (document.activeElement === this.container) return;
    this.quietFocus = true;
    this.container.focus({ preventScroll: true });
  };

  /* Say what a change made from the mouse did, as the keys say theirs. */
  Whiteboard.prototype.announceChange = function (why, before, after) {
    if (why === "add" && after.nodes.length > before.nodes.length) {
      var added = after.nodes.filter(function (n) { return !before.ids[n.data.id]; })[0];
      if (added) this.say("Added " + (added.data.label || added.data.kind) + ".");
    } else if (why === "delete") {
      var boxesGone = before.nodes.length - after.nodes.length, arrowsGone = before.edges.length - after.edges.length;
      var zonesGone = (before.zones || []).length - (after.zones || []).length, notesGone = (before.notes || []).length - (after.notes || []).length;
      this.say("Deleted " + [[boxesGone, "box", "boxes"], [arrowsGone, "arrow", "arrows"], [zonesGone, "zone", "zones"], [notesGone, "note", "notes"]]
        .filter(function (c) { return c[0]; })
        .map(function (c) { return c[0] + " " + (c[0] === 1 ? c[1] : c[2]); }).join(" and ") + ".");
    } else if (why === "connect" && !this.connectFrom) {
      var edge = this.cy.$("edge:selected")[0];
      if (edge) this.say("Arrow drawn: " + name(edge.source()) + " to " + name(edge.target()) + ".");
    }
  };

  Whiteboard.prototype.say = function (text) {
    if (!this.announcer) return;
    // Cleared first, so the same words said twice are announced twice.
    this.announcer.textContent = "";
    var announcer = this.announcer;
    setTimeout(function () { announcer.textContent = text; }, 30);
  };

  Whiteboard.prototype.selectedBox = function () {
    var selected = this.cy.$("node:selected").filter(Whiteboard.isBox);
    return selected.length ? selected[0] : null;
  };

  /* The zone or note selected (when no box is). */
  Whiteboard.prototype.selectedArea = function () {
    var selected = this.cy.$("node:selected").filter(".zone, .note");
    return selected.length ? selected[0] : null;
  };

  /* The box at the top left: where the arrow keys start on a board with nothing selected. */
  Whiteboard.prototype.firstBox = function () {
    var sorted = boxes(this.cy).sort(function (a, b) {
      return (a.position("y") + a.position("x") / 4) - (b.position("y") + b.position("x") / 4);
    });
    return sorted[0];
  };

  Whiteboard.prototype.choose = function (node) {
    // boxes kept with Space stay selected while the arrow keys go on to others
    var kept = (this.kept || this.cy.collection()).filter(function (n) { return !n.removed(); });
    this.cy.$(":selected").not(kept).unselect();
    node.select();
    this.follow(node);
    this.describeSelection();
  };

  /* Pan just enough that `node` is in view (the view follows the keyboard and new boxes). */
  Whiteboard.prototype.follow = function (node) {
    var box = node.renderedBoundingBox({ includeLabels: true }), w = this.cy.width(), h = this.cy.height(), m = 30;
    var dx = 0, dy = 0;
    if (box.x1 < m) dx = m - box.x1; else if (box.x2 > w - m) dx = w - m - box.x2;
    if (box.y1 < m) dy = m - box.y1; else if (box.y2 > h - m) dy = h - m - box.y2;
    if (dx || dy) this.cy.panBy({ x: dx, y: dy });
  };

  Whiteboard.prototype.describeSelection = function () {
    var node = this.selectedBox(), cy = this.cy, area = !node && this.selectedArea();
    var several = cy.$("node:selected").filter(Whiteboard.isBox);
    if (several.length > 1 && !this.connectFrom) {
      this.say(several.length + " boxes selected: " + several.map(name).join(", ") + ". Slash then zone draws a zone around them.");
      return;
    }
    if (area && area.hasClass("zone")) {
      var inside = area.children().map(name);
      this.say("Zone " + name(area) + (inside.length ? ", around " + inside.join(", ") : ", empty") + ". Enter renames it.");
      return;
    }
    if (area) { this.say("Note: " + (area.data("text") || "empty") + ". Enter edits it."); return; }
    if (!node) { this.say(boxes(cy).length + " boxes on the board; none selected."); return; }
    var out = node.outgoers("edge").map(function (e) { return name(e.target()); });
    var into = node.incomers("edge").map(function (e) { return name(e.source()); });
    var kind = (document.querySelector('.palette-item[data-kind="' + node.data("kind") + '"]') || {}).textContent || node.data("kind");
    var text = name(node) + ", " + kind.trim() + (node.data("replicas") > 1 ? ", " + node.data("replicas") + " replicas" : "") + ". ";
    text += out.length ? "Arrows to " + out.join(", ") + ". " : "";
    text += into.length ? "Arrows from " + into.join(", ") + "." : "";
    if (this.connectFrom) text = "Connect " + name(this.connectFrom) + " to " + text + " Enter draws the arrow.";
    this.say(text.trim());
  };

  /* The box whose label starts with `text` (or has a word that does), after `after` in label order. */
  function byLabel(cy, text) {
    text = text.toLowerCase();
    var starts = null, word = null;
    boxes(cy).sort(function (a, b) { return name(a).localeCompare(name(b)); }).forEach(function (node) {
      if (!starts && labelWords(node).label.indexOf(text) === 0) starts = node;
      if (!word && labelStarts(node, text)) word = node;
    });
    return starts || word;
  }

  Whiteboard.prototype.canvasKey = function (event) {
    if (event.target !== this.container || event.ctrlKey || event.metaKey || event.altKey) return;
    var cy = this.cy, node = this.selectedBox(), direction = ARROWS[event.key];
    var edge = node ? null : cy.$("edge:selected")[0];
    if (this.connectFrom && event.key.length === 1 && /\S/.test(event.key)) {
      // choosing the arrow's other end: typing the start of its label finds it
      event.preventDefault();
      event.stopPropagation();
      var now = Date.now();
      this.typed = (this.typed && now - this.typedAt < 1000 ? this.typed : "") + event.key;
      this.typedAt = now;
      var found = byLabel(cy, this.typed);
      if (found) this.choose(found);
      else this.say("No box starts with " + this.typed + ".");
      return;
    }
    if (direction && !event.shiftKey && edge) {  // from an arrow: on from the box it points to
      event.preventDefault();
      this.choose(nearest(cy, edge.target(), direction) || edge.target());
      return;
    }
    if (event.key === "Enter" && edge && !this.connectFrom) {
      event.preventDefault();
      var field = document.querySelector('#inspector input[name="edge_label"]');
      if (field) field.focus();
      return;
    }
    if (direction && event.shiftKey && !this.readonly) {
      event.preventDefault();
      var selected = cy.$("node:selected").not(".arrow-handle");
      if (!selected.length) return;
      var step = { left: [-GRID, 0], right: [GRID, 0], up: [0, -GRID], down: [0, GRID] }[direction];
      selected.forEach(function (n) { n.position({ x: n.position("x") + step[0], y: n.position("y") + step[1] }); });
      this.changed("move");
      this.say("Moved " + selected.map(name).join(", ") + " " + direction + ".");
    } else if (direction) {
      event.preventDefault();
      var next = node ? nearest(cy, node, direction) : this.firstBox();
      if (next) this.choose(next);
      else if (node) this.say("No box " + ({ left: "to the left of", right: "to the right of", up: "above", down: "below" })[direction] + " " + name(node) + ".");
    } else if (event.key === "Enter" && this.connectFrom) {
      event.preventDefault();
      this.finishConnect(node);
    } else if (event.key === "Enter" && (node || this.selectedArea())) {
      event.preventDefault();
      this.editLabel(node || this.selectedArea());
    } else if ((event.key === "e" || event.key === "E") && !this.readonly) {
      event.preventDefault();
      event.stopPropagation();
      if (!node) { this.say("Select a box first: the arrow starts there."); return; }
      this.connectFrom = node;
      this.typed = "";  // a new search for the other end, whatever was typed for the last one
      node.addClass("connect-source");
      this.say("Arrow from " + name(node) + ": choose where it goes with the arrow keys, then Enter. Esc cancels.");
    } else if (event.key === "Escape" && this.connectFrom) {
      event.stopPropagation();
      this.cancelConnect();
      this.say("No arrow drawn.");
    } else if (event.key === " " && node) {
      // Space keeps the box in the selection (or lets it go): several boxes, from the keyboard
      event.preventDefault();
      this.kept = (this.kept || cy.collection()).filter(function (n) { return !n.removed(); });
      if (this.kept.contains(node)) this.kept = this.kept.not(node);
      else this.kept = this.kept.union(node);
      var all = cy.$("node:selected").filter(Whiteboard.isBox);
      this.say(this.kept.contains(node) ? "Kept " + name(node) + " in the selection: " + all.map(name).join(", ") + ". Arrow keys go on to another box."
        : name(node) + " is no longer kept in the selection.");
    } else if (event.key === "Escape") {
      this.kept = null;  // whiteboard.js clears the selection itself
    }
  };

  Whiteboard.prototype.cancelConnect = function () {
    if (this.connectFrom) this.connectFrom.removeClass("connect-source");
    this.connectFrom = null;
  };

  Whiteboard.prototype.finishConnect = function (target) {
    var source = this.connectFrom;
    this.cancelConnect();
    if (!target || target.same(source)) { this.say("Choose another box for the arrow to go to."); this.connectFrom = source; source.addClass("connect-source"); return; }
    var edge = this.connect(source, target) || source.edgesTo(target)[0];
    this.cy.$(":selected").unselect();
    edge.select();  // as after drawing with the mouse: the side editor edits the new arrow
    this.say("Arrow drawn: " + name(source) + " to " + name(target) + ". Tab to its label and mode.");
  };

  /* An arrow source → target (none if one is there already); returns it, or null. */
  Whiteboard.prototype.connect = function (source, target) {
    var cy = this.cy;
    if (source.edgesTo(target).length) return null;
    var edge = cy.add({ group: "edges", data: { id: this.newId(source.id() + "-" + target.id()), source: source.id(), target: target.id(), label: "", mode: "sync" } });
    this.changed("connect");
    return edge;
  };

  /* Edit a box's label on the box: an input over it, Enter keeps, Esc or leaving it with nothing
     typed cancels; the keyboard goes back to the canvas. */
  Whiteboard.prototype.editLabel = function (node, fresh) {
    if (this.readonly || this.labelEditor) return;
    var self = this, cy = this.cy, isEdge = node.isEdge(), key = node.hasClass("note") ? "text" : "label", box;
    if (isEdge) {  // an arrow's label is edited at its middle, and may be emptied
      var mid = node.renderedMidpoint();
      box = { x1: mid.x - 50, x2: mid.x + 50, y1: mid.y - 10, y2: mid.y + 10, w: 100 };
    } else if (node.isParent()) {  // a zone's name is edited where it shows: at its top
      var outer = node.renderedBoundingBox({ includeLabels: false });
      box = { x1: outer.x1, x2: outer.x2, y1: outer.y1 - 24, y2: outer.y1, w: Math.min(outer.x2 - outer.x1, 240) };
    } else box = node.renderedBoundingBox({ includeLabels: false });
    var input = document.createElement("input");
    input.type = "text";
    input.className = "label-editor";
    input.maxLength = 200;
    input.value = node.data(key) || "";
    input.setAttribute("aria-label", isEdge ? "Label of the arrow from " + name(node.source()) + " to " + name(node.target()) :
      key === "text" ? "Text of the note" : "Label of " + name(node));
    var width = Math.max(120, box.w + 40);
    input.style.left = (this.container.offsetLeft + (box.x1 + box.x2) / 2 - width / 2) + "px";
    input.style.top = (this.container.offsetTop + (box.y1 + box.y2) / 2 - 16) + "px";
    input.style.width = width + "px";
    this.container.parentNode.appendChild(input);
    this.labelEditor = input;
    var done = false;
    function finish(keep) {
      if (done) return;
      done = true;
      self.labelEditor = null;
      var value = input.value.trim();
      input.remove();
      if (fresh && !(keep && value)) {  // a new note left empty is no note
        node.remove();
        self.say("No note added.");
      } else if (keep && (value || isEdge) && value !== (node.data(key) || "")) {
        node.data(key, value);
        self.changed("rename");
        self.inspect();
        self.say(key === "text" ? "Note: " + value + "." : value ? "Renamed to " + value + "." : "The arrow has no label now.");
      } else {
        self.say((key === "text" ? "Note unchanged: " : "Label unchanged: ") + (isEdge ? node.data("label") || "no label" : name(node)) + ".");
      }
      if (!node.removed()) { cy.$(":selected").unselect(); node.select(); }
      self.focusCanvas();
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); finish(true); }
      else if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); finish(false); }
    });
    input.addEventListener("blur", function () { finish(true); });
    input.focus();
    input.select();
  };

  /* The kinds and the words that mean each (designer/formats/kinds.py), best match first. */
  function matches(words, query) {
    query = query.trim().toLowerCase();
    if (!query) return [];
    var found = [];
    Object.keys(words).forEach(function (kind) {
      var best = null;
      words[kind].forEach(function (word, i) {
        var w = word.toLowerCase(), score = null;
        if (w === query) score = 0;
        else if (w.indexOf(query) === 0) score = 1;
        else if (w.split(/[\s_-]+/).some(function (part) { return part.indexOf(query) === 0; })) score = 2;
        else if (query.length > 2 && w.indexOf(query) >= 0) score = 3;
        if (score !== null && (!best || score < best.score || (score === best.score && i === 0))) best = { kind: kind, word: word, score: score, byName: i === 0 };
      });
      if (best) found.push(best);
    });
    return found.sort(function (a, b) { return a.score - b.score || (b.byName - a.byName); }).slice(0, 8);
  }

  Whiteboard.prototype.bindCommandBox = function () {
    var self = this, box = document.getElementById("quick-add");
    var wordsData = document.getElementById("kind-words");
    // the names of services their provider runs replicated: a box added by one is managed
    var managedWords = JSON.parse((document.getElementById("managed-words") || {}).textContent || "[]");
    if (!box || !wordsData || this.readonly) return;
    var words = Object.assign({}, JSON.parse(wordsData.textContent), AREA_WORDS);
    var input = box.querySelector("input"), list = box.querySelector("[role=listbox]");
    var options = [], active = 0;
    function render() {
      var query = input.value.trim().toLowerCase();
      // Boxes already on the board whose label has the words typed come first: "/" also goes to a box.
      var here = !query ? [] : Whiteboard.drawn(self.cy).filter(function (n) { return labelStarts(n, query); }).slice(0, 5).map(function (n) { return { node: n }; });
      options = here.concat(matches(words, input.value));
      active = Math.min(active, Math.max(0, options.length - 1));
      list.replaceChildren();
      options.forEach(function (option, i) {
        var li = document.createElement("li");
        li.id = "quick-add-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.textContent = option.node ? "Go to " + name(option.node) : optionText(option);
        li.addEventListener("mousedown", function (event) { event.preventDefault(); active = i; add(); });
        list.appendChild(li);
      });
      input.setAttribute("aria-expanded", options.length ? "true" : "false");
      if (options.length) input.setAttribute("aria-activedescendant", "quick-add-option-" + active);
      else input.removeAttribute("aria-activedescendant");
    }
    function optionText(option) {
      var what = words[option.kind][0] + (option.byName ? "" : " (" + option.word + ")");
      if (option.kind === "note") return "Add a note";
      if (option.kind.indexOf("zone:") !== 0) return "Add " + what;
      var around = self.cy.$("node:selected").filter(function (n) { return Whiteboard.isBox(n) || n.hasClass("zone"); });
      return "Add a zone: " + what + (around.length ? " around " + around.map(name).join(", ") : "");
    }
    function close() {
      box.hidden = true;
      input.value = "";
      render();
      self.focusCanvas();
    }
    function add() {
      var option = options[active];
      if (!option) { self.say("No component is called " + input.value.trim() + "."); return; }
      if (option.node) {
        box.hidden = true;
        input.value = "";
        render();
        self.focusCanvas();
        self.choose(option.node);
        return;
      }
      if (option.kind === "note" || option.kind.indexOf("zone:") === 0) {
        box.hidden = true;
        input.value = "";
        render();
        if (option.kind === "note") self.addNote();
        else self.addZone(option.kind.slice(5), words[option.kind][0]);
        return;
      }
      // "redis" names a product: it is the label; a kind's own name gives the kind's label
      var typed = input.value.trim(), label = option.byName ? "" : typed.charAt(0).toUpperCase() + typed.slice(1);
      var from = self.selectedBox();
      var managed = !option.byName && managedWords.indexOf(String(option.word).toLowerCase()) !== -1;
      var node = self.addNode(option.kind, from ? self.besideSpot(from) : self.freeSpot(), label, 1, managed);
      if (from && node) self.connect(from, node);
      box.hidden = true;
      input.value = "";
      render();
      if (node) {
        self.follow(node);
        self.say("Added " + name(node) + (from ? ", with an arrow from " + name(from) : "") + ".");
      }
      self.focusCanvas();
    }
    this.openCommandBox = function () {
      box.style.top = (self.container.offsetTop + 12) + "px";
      box.hidden = false;
      input.focus();
      render();
    };
    input.addEventListener("input", function () { active = 0; render(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (!options.length) return;
        active = (active + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length;
        render();
      } else if (event.key === "Enter") { event.preventDefault(); add(); }
      else if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); close(); }
    });
    input.addEventListener("blur", function () { if (!box.hidden) { box.hidden = true; input.value = ""; render(); } });
    document.addEventListener("keydown", function (event) {
      var tag = (event.target.tagName || "").toLowerCase();
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable) return;
      event.preventDefault();
      self.openCommandBox();
    });
  };

  /* Snap `node` to the grid. */
  Whiteboard.prototype.snap = function (node) {
    var p = node.position();
    node.position({ x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID });
  };

  /* Copy (Ctrl+C), cut (Ctrl+X), paste (Ctrl+V) and duplicate (Ctrl+D) the selected boxes with the
     arrows between them; a paste lands beside the original, on the grid, and is selected. Returns
     whether the key was one of them. */
  Whiteboard.prototype.clipboardKey = function (event) {
    var key = event.key.toLowerCase(), cy = this.cy;
    if (key === "a" && event.target === this.container) {  // every box, from the board only
      var all = Whiteboard.boxes(cy);
      all.select();
      this.say("All " + all.length + " boxes selected.");
      return true;
    }
    if (key !== "c" && key !== "x" && key !== "v" && key !== "d") return false;
    if (key === "v") {
      if (!this.clipboard) return false;
      this.paste(this.clipboard);
      return true;
    }
    // boxes and notes (a zone is not copied: what it holds is)
    var nodes = cy.$("node:selected").filter(function (n) { return Whiteboard.isBox(n) || n.hasClass("note"); });
    if (!nodes.length) return false;
    var copied = {
      nodes: nodes.map(function (n) {
        return { data: Object.assign({}, n.data()), position: Object.assign({}, n.position()), classes: n.hasClass("note") ? "note" : "" };
      }),
      edges: nodes.edgesWith(nodes).map(function (e) { return { data: Object.assign({}, e.data()) }; }),
      times: 0
    };
    if (key === "d") { this.paste(copied); return true; }
    this.clipboard = copied;
    if (key === "x") { nodes.remove(); this.changed("cut"); this.say("Cut " + nodes.length + " boxes."); }
    else this.say("Copied " + nodes.length + (nodes.length === 1 ? " box." : " boxes."));
    return true;
  };

  Whiteboard.prototype.paste = function (copied) {
    var self = this, cy = this.cy, ids = {};
    copied.times += 1;
    var shift = 40 * copied.times;
    cy.$(":selected").unselect();
    var added = cy.collection();
    copied.nodes.forEach(function (n) {
      var data = Object.assign({}, n.data, { id: self.newId(n.data.label || n.data.kind || "note") });
      if (data.parent && !cy.getElementById(data.parent).length) delete data.parent;  // its zone is gone
      ids[n.data.id] = data.id;
      var node = cy.add({ group: "nodes", data: data, classes: n.classes, position: { x: n.position.x + shift, y: n.position.y + shift } });
      self.snap(node);
      added = added.union(node);
    });
    copied.edges.forEach(function (e) {
      var data = Object.assign({}, e.data, { id: self.newId(ids[e.data.source] + "-" + ids[e.data.target]),
                                             source: ids[e.data.source], target: ids[e.data.target] });
      added = added.union(cy.add({ group: "edges", data: data }));
    });
    added.select();
    this.changed("paste");
    this.follow(added.nodes()[0]);
    this.say("Pasted " + copied.nodes.length + (copied.nodes.length === 1 ? " box." : " boxes."));
  };

  /* A zone of `kind` around the selected boxes and zones (in the zone they share, if they share one),
     or an empty one in view; its name is then edited on the board, starting from `kindName`. */
  Whiteboard.prototype.addZone = function (kind, kindName) {
    var cy = this.cy;
    var members = cy.$("node:selected").filter(function (n) { return Whiteboard.isBox(n) || n.hasClass("zone"); });
    members = members.filter(function (n) { return !n.ancestors().intersection(members).length; });
    var parents = {};
    members.forEach(function (n) { parents[n.data("parent") || ""] = true; });
    var shared = Object.keys(parents).length === 1 ? Object.keys(parents)[0] : "";
    var data = { id: this.newId(kindName), label: kindName, zoneKind: kind };
    if (shared) data.parent = shared;
    var zone = cy.add({ group: "nodes", data: data, classes: "zone", position: members.length ? members.position() : this.freeSpot() });
    var names = members.map(name);
    members.forEach(function (n) { n.move({ parent: zone.id() }); });
    cy.$(":selected").unselect();
    zone.select();
    this.changed("zone");
    this.follow(zone);
    this.say("Added a zone around " + (names.length ? names.join(", ") : "nothing yet") + ": type its name, Enter keeps it.");
    this.editLabel(zone);
  };

  /* A note beside the selection (or in view), its text typed on the board; left empty, there is none. */
  Whiteboard.prototype.addNote = function () {
    var from = this.selectedBox() || this.selectedArea();
    var note = this.cy.add({ group: "nodes", data: { id: this.newId("note"), text: "" }, classes: "note",
                             position: from ? this.besideSpot(from) : this.freeSpot() });
    this.snap(note);
    this.cy.$(":selected").unselect();
    note.select();
    this.follow(note);
    this.editLabel(note, true);
  };

  /* Line the selected boxes up: "left", "center", "right" (x) or "top", "middle", "bottom" (y). */
  Whiteboard.prototype.align = function (how) {
    var nodes = this.cy.$("node:selected").not(".arrow-handle");
    if (nodes.length < 2) { this.say("Select two boxes or more to align them (Shift+click, or drag a box around them)."); return; }
    var horizontal = ["left", "center", "right"].indexOf(how) >= 0;
    var ends = nodes.map(function (n) {
      var b = n.boundingBox({ includeLabels: false });
      return horizontal ? { lo: b.x1, mid: (b.x1 + b.x2) / 2, hi: b.x2 } : { lo: b.y1, mid: (b.y1 + b.y2) / 2, hi: b.y2 };
    });
    var target = how === "left" || how === "top" ? Math.min.apply(null, ends.map(function (e) { return e.lo; })) :
      how === "right" || how === "bottom" ? Math.max.apply(null, ends.map(function (e) { return e.hi; })) :
      ends.reduce(function (sum, e) { return sum + e.mid; }, 0) / ends.length;
    nodes.forEach(function (n, i) {
      var e = ends[i], p = n.position();
      var delta = how === "left" || how === "top" ? target - e.lo : how === "right" || how === "bottom" ? target - e.hi : target - e.mid;
      n.position(horizontal ? { x: p.x + delta, y: p.y } : { x: p.x, y: p.y + delta });
    });
    this.changed("align");
    this.say("Aligned " + nodes.length + " boxes: " + how + ".");
  };

  /* A free spot to the right of `node` (then below it, above it, further right): never on a box. */
  Whiteboard.prototype.besideSpot = function (node) {
    var p = node.position(), all = boxes(this.cy);
    var tries = [[180, 0], [180, 100], [180, -100], [0, 120], [0, -120], [360, 0], [360, 100], [360, -100]];  // grid steps
    for (var ring = 0; ring < 6; ring++) {
      for (var i = 0; i < tries.length; i++) {
        var spot = { x: p.x + tries[i][0] + ring * 180, y: p.y + tries[i][1] };
        if (!Whiteboard.clashes(all, spot)) return spot;
      }
    }
    return this.freeSpot();
  };
})();
