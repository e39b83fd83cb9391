/* Autosave that never loses work.
 *
 * Every change goes into one queue, keyed by what it replaces ("board", "panel:estimates"): a newer
 * change to the same thing replaces the waiting one. The queue is mirrored in localStorage, so a
 * reload or a dead server keeps it. One request is in flight at a time, each carrying the revision
 * it is based on (If-Match): the revision at which this page last saw the part it changes (the board,
 * or one step's panel), so another tab's edit of another part is no conflict. The answer's X-Revision
 * is that part's next base. A network failure marks the page Offline and probes the server until it
 * answers; a 409 (the same part changed elsewhere) opens the conflict dialog.
 *
 * Each tab keeps its own queue ("designer.pending.<session>.<tab>"): two tabs of one browser on one
 * session must not overwrite each other's waiting changes. A tab says it is alive with a heartbeat
 * ("designer.alive.<tab>"), and that it left when it goes away ("left:<time>"); the queue of a tab
 * that left more than LEFT_MS ago without beating again (a reload beats again at once), or fell
 * silent past ORPHANED_MS, is adopted by a tab of the session, and sent with its change ids, so a
 * change sent twice is one revision.
 */
(function () {
  "use strict";

  /* The CSRF token of this page (a fresh page has the token of the current sign-in). */
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  var HEARTBEAT_MS = 2000;
  // A hidden tab's timers may run once a minute: only a tab silent for longer than that is gone.
  var ORPHANED_MS = 90000;
  // A tab that left is reloading, not closed, if it beats again within this (a slow page load).
  var LEFT_MS = 10000;

  var ALIVE = "designer.alive.";  // + a tab's id: the time of its last beat, or "left:<time>"

  /* The tab `id`'s last word: {at, left} (left when it went away rather than beat), or null. */
  function lastWord(id) {
    var value = id ? storageGet(ALIVE + id) : null;
    if (!value) return null;
    var left = value.indexOf("left:") === 0;
    return { at: parseInt(left ? value.slice(5) : value, 10) || 0, left: left };
  }

  /* Whether the tab `id` is gone: it left more than `grace` ms ago and did not come back, or fell
     silent. */
  function gone(id, now, grace) {
    var word = lastWord(id);
    return !word || !word.at || now - word.at > (word.left ? grace : ORPHANED_MS);
  }

  function storageGet(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  function storageKeys() {
    var keys = [];
    try { for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i)); } catch (e) { /* disabled */ }
    return keys;
  }

  /* This tab's id: kept across reloads (sessionStorage), new when a duplicated tab copied the id of
     a tab that is still alive. */
  function tabId() {
    var id = null;
    try { id = sessionStorage.getItem("designer.tab"); } catch (e) { /* disabled */ }
    var word = lastWord(id);
    if (!id || (word && !word.left && Date.now() - word.at < 2 * HEARTBEAT_MS)) {  // a duplicated tab: the original beats
      id = newChangeId();
      try { sessionStorage.setItem("designer.tab", id); } catch (e) { /* disabled */ }
    }
    return id;
  }

  function Autosave(root) {
    this.root = root;
    this.sessionId = root.dataset.session;
    this.revision = parseInt(root.dataset.revision, 10);  // the newest this page knows of
    // The revision at which this page last saw each part ("board", "panel:<step>"); a part not
    // named here is as the page was built.
    this.bases = {};
    this.builtAt = this.revision;
    this.pingUrl = root.dataset.pingUrl;
    this.maxBytes = parseInt(root.dataset.maxRequestBytes, 10) || Infinity;
    this.tab = tabId();
    this.queuePrefix = "designer.pending." + this.sessionId;
    this.storageKey = this.queuePrefix + "." + this.tab;
    this.revisionKey = "designer.revision." + this.sessionId;
    this.pending = this.load();
    this.order = Object.keys(this.pending);
    this.order.forEach(function (key) { this.basedOn(key, this.pending[key]); }, this);
    this.inFlight = null;
    this.offline = false;
    this.conflict = null;
    this.waiters = [];
    this.listeners = [];
    this.typing = {};  // keys with a change still in its debounce delay
    this.leaving = {};  // for each of those, what queues it at once
    this.status = document.getElementById("save-status");
    var self = this;
    // A page can be built before a save this browser already had answered lands (a reload just
    // after a save): it would show, and then save over, an older session. Load it once more.
    this.stale = this.knownRevision() > this.revision && sessionStorage.getItem(this.revisionKey) !== "reloaded";
    if (this.stale) {
      sessionStorage.setItem(this.revisionKey, "reloaded");
      window.location.reload();
      return;
    }
    sessionStorage.removeItem(this.revisionKey);
    // Leaving the page (reload, close, navigate) queues what is still debouncing; the queue is
    // in localStorage, so the next page load sends it.
    // From then on localStorage is left as it is: an answer that arrives while the page goes away
    // must not clear a change the next page was already built without (it sends it again, with its
    // id, and the server answers with the revision the first try made).
    window.addEventListener("pagehide", function () {
      self.queueNow();
      self.frozen = true;
      clearInterval(self.heartbeat);
      try { localStorage.setItem(ALIVE + self.tab, "left:" + Date.now()); } catch (e) { /* disabled */ }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) { self.frozen = false; self.beat(); self.persist(); }  // back from the page cache
    });
    // Another tab going away leaves its queue behind: take it over once it is clear that the tab
    // closed rather than reloaded.
    window.addEventListener("storage", function (event) {
      if (event.key && event.key.indexOf(ALIVE) === 0 && (event.newValue || "").indexOf("left:") === 0) {
        setTimeout(function () { self.adopt(LEFT_MS); }, LEFT_MS + 500);
      }
    });
    this.beat();
    this.heartbeat = setInterval(function () { self.beat(); }, HEARTBEAT_MS);
    // A tab opening now takes over what a tab that left has waiting at once (it closed, most likely:
    // this page is what replaced it); before the page is built from the queue, so it shows it.
    this.adopt(0);
    this.built = true;
    this.render();
    if (this.order.length) this.flush();
  }

  Autosave.prototype.beat = function () {
    try { localStorage.setItem(ALIVE + this.tab, String(Date.now())); } catch (e) { /* disabled */ }
  };

  /* Take over the waiting changes of this session's tabs that are gone: each is queued unless this
     tab has a change to the same thing (its own is newer), with its change id. */
  Autosave.prototype.adopt = function (grace) {
    if (this.frozen) return;
    var self = this, adopted = [], kept = false, now = Date.now();
    storageKeys().forEach(function (key) {
      if (key !== self.queuePrefix && key.indexOf(self.queuePrefix + ".") !== 0) return;
      if (key === self.storageKey) return;
      var owner = key.slice(self.queuePrefix.length + 1);  // "" for a queue kept before tabs had their own
      if (!gone(owner, now, grace)) return;  // that tab is alive (or reloading): its queue is its own
      var theirs;
      try { theirs = JSON.parse(storageGet(key) || "{}"); } catch (e) { theirs = {}; }
      Object.keys(theirs).forEach(function (change) {
        var mine = self.unsaved(change), entry = theirs[change];
        if (!mine) {
          self.pending[change] = entry;
          self.order.push(change);
          adopted.push(change);
        } else if (!entry.id || entry.id !== mine.id) {
          keepBefore(self, change, entry, owner);
          kept = true;
        }
        self.basedOn(change, entry);
      });
      try { localStorage.removeItem(key); } catch (e) { /* disabled */ }
    });
    if (adopted.length || kept) {
      this.persist();
      this.render();
      // A page already built shows the server's older copy: it must show the adopted change, or the
      // next edit here would save that older copy over it.
      if (this.built) adopted.forEach(function (key) { self.listeners.forEach(function (l) { l("adopted", key); }); });
      this.flush();
    }
  };

  /* Both this tab and a tab that is gone changed `key`: the gone tab's change is saved first, as a
     revision of its own (under a key of its own, "<key>~<tab>"), and this tab's after it, so what this
     tab shows is what ends up saved and nothing typed in the other is lost. */
  function keepBefore(self, key, entry, owner) {
    var alias = key + "~" + (owner || "earlier");
    self.pending[alias] = entry;
    var at = self.order.indexOf(key);
    if (at >= 0) {
      self.order.splice(at, 0, alias);
      return;
    }
    // This tab's change is on its way: once theirs is saved over it, it is sent again, as a new change.
    var again = Object.assign({}, self.inFlight.entry, { id: newChangeId(), replaces: [], sent: false });
    self.pending[key] = again;
    self.order.push(alias, key);
  }

  Autosave.prototype.load = function () {
    try {
      return JSON.parse(localStorage.getItem(this.storageKey) || "{}");
    } catch (e) {
      return {};
    }
  };

  /* Mirror the queue in localStorage: what waits, and what is on its way until its answer comes
     (the page may be left before it does: the next load sends it again, with the same change id,
     and the server answers with the revision it made if the first try had arrived). */
  Autosave.prototype.persist = function () {
    if (this.frozen) return;
    var kept = {}, self = this;
    if (this.inFlight) kept[this.inFlight.key] = this.inFlight.entry;
    this.order.forEach(function (key) { kept[key] = self.pending[key]; });  // a newer change wins
    try {
      if (Object.keys(kept).length) localStorage.setItem(this.storageKey, JSON.stringify(kept));
      else localStorage.removeItem(this.storageKey);
    } catch (e) { /* storage full or disabled: the queue still lives in memory */ }
  };

  /* Note that a change to `key` is coming (still debouncing): the page says Saving… at once.
     `now` queues it at once: called if the page is left before the debounce is over, so a reload
     or a closed tab keeps the change (the queue lives in localStorage). */
  Autosave.prototype.touch = function (key, now) {
    this.typing[key] = true;
    if (now) this.leaving[key] = now;
    this.render();
  };

  /* A debounced change that was dropped (its form was replaced by a newer one). */
  Autosave.prototype.untouch = function (key) {
    delete this.typing[key];
    delete this.leaving[key];
    this.render();
    if (this.idle()) this.wake();
  };

  /* Queue a change. `entry` = {method, url, body, contentType, onSaved(responseText, response)}. */
  Autosave.prototype.enqueue = function (key, entry) {
    delete this.typing[key];
    delete this.leaving[key];
    // Each change has an id, kept with it in localStorage: sent again after a reload (its first try
    // may have arrived), the server knows it and answers with the revision it made. The same content
    // queued again (a field's "change" as the page is left) is the same change: it keeps its id.
    var same = this.unsaved(key);
    var id = same && same.url === entry.url && same.body === entry.body && same.id ? same.id : newChangeId();
    // The change it replaces may have been sent and saved without its answer coming back (a dropped
    // connection, a restarted server): this one names it, so that revision is no conflict with it.
    var replaces = same ? (same.replaces || []).concat(same.sent && same.id !== id ? [same.id] : []).slice(-20) : [];
    // What the change was typed on: a reloaded page (or a tab taking it over) sends it on that.
    var stored = { method: entry.method, url: entry.url, body: entry.body, contentType: entry.contentType,
                   id: id, replaces: replaces, base: this.baseOf(key) };
    this.pending[key] = stored;
    this.handlers = this.handlers || {};
    if (entry.onSaved) this.handlers[key] = entry.onSaved;
    this.order = this.order.filter(function (k) { return k !== key; });
    this.order.push(key);
    this.persist();
    this.render();
    this.flush();
  };

  Autosave.prototype.queueNow = function () {
    var leaving = this.leaving;
    this.leaving = {};
    Object.keys(leaving).forEach(function (key) { leaving[key](); });
    this.persist();
  };

  /* The change to `key` not yet saved (waiting, or on its way), or undefined. */
  Autosave.prototype.unsaved = function (key) {
    if (this.pending[key]) return this.pending[key];
    if (this.inFlight && this.inFlight.key === key) return this.inFlight.entry;
    return undefined;
  };

  Autosave.prototype.count = function () {
    return this.order.length + (this.inFlight ? 1 : 0);
  };

  Autosave.prototype.busy = function () {
    return this.count() + Object.keys(this.typing).length;
  };

  Autosave.prototype.render = function () {
    if (!this.status) return;
    var n = this.count(), text, state;
    if (this.conflict) { text = "Conflict: choose a version"; state = "conflict"; }
    else if (this.offline) { text = "Offline (" + n + " change" + (n === 1 ? "" : "s") + " waiting)"; state = "offline"; }
    else if (this.error) { text = "Not saved: " + this.error; state = "error"; }
    else if (this.busy()) { text = "Saving…"; state = "saving"; }
    else { text = "Saved"; state = "saved"; }
    this.status.textContent = text;
    this.status.dataset.state = state;
  };

  Autosave.prototype.idle = function () {
    return !this.inFlight && !this.order.length && !Object.keys(this.typing).length;
  };

  /* Resolve once everything queued is saved, offline or not: a write that replaces part of the page
     (a step change) must not show the server's copy while changes to it still wait in the queue. */
  Autosave.prototype.drained = function () {
    var self = this;
    if (this.idle() || this.conflict) return Promise.resolve();
    return new Promise(function (resolve) {
      var check = function () { if (self.idle() || self.conflict) resolve(); else self.waiters.push(check); };
      self.waiters.push(check);
    });
  };

  Autosave.prototype.wake = function () {
    var waiters = this.waiters;
    this.waiters = [];
    waiters.forEach(function (w) { w(); });
  };

  /* The newest revision this browser has had a save answered with, for this session. */
  Autosave.prototype.knownRevision = function () {
    try { return parseInt(localStorage.getItem(this.revisionKey), 10) || 0; } catch (e) { return 0; }
  };

  /* The part a queue key or a write's URL changes: "board", "panel:<step>", or null (all of them). */
  function partOf(key) {
    key = String(key || "").replace(/~.*$/, "");  // "<key>~<tab>": taken over from a closed tab
    if (key === "board" || key.indexOf("panel:") === 0) return key;
    var panel = /\/panels\/([a-z_]+)(?:[?#]|$)/.exec(key);
    if (panel) return "panel:" + panel[1];
    return /\/board(?:\/|[?#]|$)/.test(key) ? "board" : null;
  }
  Autosave.partOf = partOf;

  /* The revision at which this page last saw `key`'s part: what a change to it is based on. For a
     write to more than one part (a restore), the newest revision this page knows. */
  Autosave.prototype.baseOf = function (key) {
    var part = partOf(key);
    if (!part) return this.revision;
    return part in this.bases ? this.bases[part] : this.builtAt;
  };

  /* This page now shows `key`'s part as it was at `revision` (a save of it answered, or the server's
     copy of it swapped in). */
  Autosave.prototype.saw = function (key, revision) {
    var part = partOf(key);
    revision = parseInt(revision, 10);
    if (part && !isNaN(revision) && revision > 0) this.bases[part] = revision;
    this.setRevision(revision);
  };

  /* A waiting change from before this page (its own queue after a reload, or a closed tab's) was
     typed on its part as at `entry.base`: until it is saved, that is what the part is based on. */
  Autosave.prototype.basedOn = function (key, entry) {
    var part = partOf(key), base = entry && parseInt(entry.base, 10);
    if (part && base > 0 && base < this.baseOf(key)) this.bases[part] = base;
  };

  /* Whether `key`'s part has a change this page has not saved (typed, waiting, or on its way). */
  Autosave.prototype.changing = function (key) {
    var part = partOf(key), self = this;
    var keys = Object.keys(this.pending).concat(Object.keys(this.typing), this.inFlight ? [this.inFlight.key] : []);
    return keys.some(function (k) { return partOf(k) === part; }) || (self.conflict && partOf(self.conflict.key) === part);
  };

  Autosave.prototype.setRevision = function (revision) {
    if (!isNaN(revision) && revision > 0) {
      try {  // kept even while the page goes away: the next page must not be older than this
        if (revision > this.knownRevision()) localStorage.setItem(this.revisionKey, String(revision));
      } catch (e) { /* storage disabled */ }
      if (revision < this.revision) return;  // an older change's answer (sent twice): nothing newer to show
      this.revision = revision;
      this.root.dataset.revision = String(revision);
      document.querySelectorAll('input[name="revision"]').forEach(function (input) {
        input.value = String(revision);
      });
      // every save is a revision: the top bar's count follows
      document.querySelectorAll("[data-revisions-count]").forEach(function (count) {
        count.textContent = String(revision);
      });
    }
  };

  Autosave.prototype.flush = function () {
    var self = this;
    if (this.inFlight || this.conflict || !this.order.length) {
      if (this.idle()) this.wake();
      return;
    }
    var key = this.order.shift();
    var entry = this.pending[key];
    delete this.pending[key];
    var bytes = new Blob([entry.body]).size;
    if (bytes > this.maxBytes) {
      // Too big to send: the server would refuse it, or cut the connection mid-upload, which looks
      // like being offline and would be retried for ever. Say so; the next change that fits is saved.
      this.error = (key === "board" ? "the board" : "this change") + " is " + megabytes(bytes) +
        "; a save may carry at most " + megabytes(this.maxBytes) + ". Remove something (long notes?) and it saves again.";
      this.listeners.forEach(function (l) { l("rejected", key); });
      this.persist();
      this.render();
      this.flush();
      return;
    }
    entry.sent = true;  // from now on it may be saved even if no answer comes
    this.inFlight = { key: key, entry: entry };
    this.render();
    fetch(entry.url, {
      method: entry.method,
      headers: {
        "Content-Type": entry.contentType,
        "If-Match": String(this.baseOf(key)),
        "HX-Request": "true",
        "Accept": "text/html, application/json",
        "X-CSRFToken": csrfToken(),
        "X-Change-Id": entry.id || newChangeId(),
        "X-Replaces": (entry.replaces || []).join(",")
      },
      body: entry.body,
      credentials: "same-origin"
    }).then(function (response) {
      return response.text().then(function (text) { return { response: response, text: text }; });
    }).then(function (result) {
      self.inFlight = null;
      self.offline = false;
      var response = result.response;
      var revision = parseInt(response.headers.get("X-Revision") || response.headers.get("ETag") && response.headers.get("ETag").replace(/"/g, ""), 10);
      if (response.ok) {
        self.error = null;
        self.saw(key, revision);
        var handler = self.handlers && self.handlers[key];
        if (handler) handler(result.text, response);
        self.listeners.forEach(function (l) { l("saved", key); });
      } else if (response.status === 409) {
        self.setConflict(key, entry, result.text, response);
      } else {
        // 413 / 422: the server said exactly what is wrong; keep the change so nothing is lost.
        self.error = describeError(result.text, response);
        var failHandler = self.handlers && self.handlers[key];
        if (failHandler && (response.headers.get("Content-Type") || "").indexOf("text/html") === 0) failHandler(result.text, response);
        // The rejected change is not retried (it would fail again); what the candidate typed is
        // still on screen, and their next edit queues a corrected save.
        self.listeners.forEach(function (l) { l("rejected", key); });
        self.persist();
        self.render();
        self.flush();
        return;
      }
      self.persist();
      self.render();
      self.flush();
    }).catch(function () {
      // The network failed: put the change back (unless a newer one replaced it) and wait.
      self.inFlight = null;
      if (!self.pending[key]) {
        self.pending[key] = entry;
        self.order.unshift(key);
      }
      self.persist();
      self.goOffline();
    });
  };

  function newChangeId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0).replace(/\.0$/, "") + " MB";
  }

  function describeError(text, response) {
    try {
      var body = JSON.parse(text);
      if (body.errors && body.errors.length) {
        return body.errors.map(function (e) { return (e.path ? e.path + ": " : "") + e.message; }).join("; ");
      }
      return body.error || response.statusText;
    } catch (e) {
      var div = document.createElement("div");
      div.innerHTML = text;  // parsed, not attached: only its text is read
      return (div.textContent || response.statusText).replace(/\s+/g, " ").trim().slice(0, 300);
    }
  }

  Autosave.prototype.goOffline = function () {
    var self = this;
    this.offline = true;
    this.render();
    this.wake();
    if (this.probe) return;
    this.probe = setInterval(function () {
      fetch(self.pingUrl, { cache: "no-store" }).then(function (r) {
        if (!r.ok) return;
        clearInterval(self.probe);
        self.probe = null;
        self.offline = false;
        self.render();
        self.flush();
      }).catch(function () { /* still down */ });
    }, 1500);
  };

  Autosave.prototype.setConflict = function (key, entry, text, response) {
    this.conflict = { key: key, entry: entry, text: text, response: response,
                      current: parseInt(response.headers.get("X-Revision") || (response.headers.get("ETag") || "").replace(/"/g, ""), 10) };
    this.render();
    this.wake();
    this.listeners.forEach(function (l) { l("conflict", key); });
  };

  /* Keep mine: resend my change over the newest revision. */
  Autosave.prototype.keepMine = function () {
    var c = this.conflict;
    if (!c) return;
    this.conflict = null;
    if (!isNaN(c.current)) this.saw(c.key, c.current);  // mine goes over the newest
    if (!this.pending[c.key]) {
      this.pending[c.key] = c.entry;
      this.order.unshift(c.key);
    }
    this.persist();
    this.render();
    this.flush();
  };

  /* Keep theirs: my change is saved as a revision first (so it is not lost), then theirs is restored
     on top of it, and the page reloads to show it. */
  Autosave.prototype.keepTheirs = function (restoreUrlTemplate) {
    return this.resolveOver(function (theirs) {
      // The restore is a JSON API write: it must say so, or the server refuses it (415).
      return { url: restoreUrlTemplate.replace(/\/0\/restore$/, "/" + theirs + "/restore"), body: "{}",
               failure: "the saved version could not be restored" };
    });
  };

  /* Keep both: my change is saved as a revision first, then what the saved version had of the same
     thing (the board, or this panel) is added to it by the server, and the page reloads to show it. */
  Autosave.prototype.keepBoth = function (mergeUrlTemplate) {
    var key = this.conflict && this.conflict.key;
    // "<key>~<tab>" is a change taken over from a closed tab: the same part.
    var part = String(key || "").replace(/~.*$/, "").replace(/^panel:/, "");
    return this.resolveOver(function (theirs) {
      return { url: mergeUrlTemplate.replace(/\/0\/merge$/, "/" + theirs + "/merge"),
               body: JSON.stringify({ part: part }), failure: "the two versions could not be put together" };
    });
  };

  /* Save my conflicting change over the saved version (a revision of its own: nothing is lost),
     then send `then(theirs)`'s JSON write based on it, and reload to show the result. */
  Autosave.prototype.resolveOver = function (then) {
    var self = this, c = this.conflict;
    if (!c) return Promise.resolve();
    var theirs = c.current;
    var headers = { "Content-Type": c.entry.contentType, "If-Match": String(theirs), "HX-Request": "true",
                    "X-CSRFToken": csrfToken(), "X-Change-Id": c.entry.id || newChangeId() };
    function failed(what, r) {
      throw new Error(what + " (" + (r ? r.status + " " + r.statusText : "no answer") + ")");
    }
    var next = then(theirs);
    return fetch(c.entry.url, { method: c.entry.method, headers: headers, body: c.entry.body })
      .then(function (r) {
        var mine = parseInt(r.headers.get("X-Revision") || (r.headers.get("ETag") || "").replace(/"/g, ""), 10);
        if (!r.ok || isNaN(mine)) failed("your version could not be kept as a revision", r);
        return fetch(next.url, { method: "POST", body: next.body, credentials: "same-origin", headers: {
          "Content-Type": "application/json", "If-Match": String(mine), "X-CSRFToken": csrfToken() } });
      })
      .then(function (r) {
        if (!r.ok) failed(next.failure, r);
        // Mine is a revision now and the result the newest: nothing of the conflicting change is
        // left to send, not even an edit of it still in its debounce delay (the dialog taking focus
        // "changes" the field). Changes to anything else wait in the queue for the reloaded page.
        delete self.leaving[c.key];
        delete self.typing[c.key];
        self.queueNow();  // still in the conflict: queued, not sent
        delete self.pending[c.key];
        self.order = self.order.filter(function (k) { return k !== c.key; });
        self.conflict = null;
        self.persist();
        self.frozen = true;
        window.location.reload();
      })
      .catch(function (error) {
        // Nothing is lost: the conflict stays open, with both versions, and says what went wrong.
        self.error = error.message;
        self.render();
        self.listeners.forEach(function (l) { l("conflict-error", error.message); });
      });
  };

  window.DesignerAutosave = Autosave;
})();
