/* The rubric editor: each YAML textarea becomes a CodeMirror editor (highlighting, line numbers),
   problems are marked at their lines, and a click on a problem selects its line. The checking itself
   is the server's (HTMX, as you type): every change is copied back into the textarea, which HTMX
   watches and every form sends. Without scripts the textareas work as they are.

   CodeMirror loads only on the editor's pages: hx-boost swaps bodies, not heads, so it is fetched
   the first time an editor appears, from the URLs the page gives. */
(function () {
  "use strict";

  var loading = null;

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element[name] = attributes[name]; });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("could not load " + (attributes.src || attributes.href))); };
      document.head.appendChild(element);
    });
  }

  function loadCodeMirror(editor) {
    if (window.CodeMirror && window.CodeMirror.modes.yaml) return Promise.resolve();
    if (!loading) {
      var urls = editor.dataset;
      loading = Promise.all([
        load("link", { rel: "stylesheet", href: urls.codemirrorCss }),
        load("script", { src: urls.codemirrorJs, async: false }).then(function () {
          return load("script", { src: urls.codemirrorYaml, async: false });
        }),
      ]);
    }
    return loading;
  }

  function instance(editor) {
    var wrapper = editor.querySelector(".CodeMirror");
    return wrapper && wrapper.CodeMirror;
  }

  function markProblems() {
    var editor = document.querySelector("[data-editor][data-problems]");
    var cm = editor && instance(editor);
    if (!cm) return;
    cm.clearGutter("problems");
    (cm.problemLines || []).forEach(function (handle) { cm.removeLineClass(handle, "background", "problem-line"); });
    cm.problemLines = [];
    document.querySelectorAll("#rubric-issues [data-line]").forEach(function (item) {
      var line = parseInt(item.dataset.line, 10) - 1;
      if (!(line >= 0 && line < cm.lineCount())) return;
      var marker = document.createElement("span");
      marker.className = "problem-marker";
      marker.dataset.line = String(line + 1);
      marker.textContent = "▶";
      marker.title = item.textContent.trim();
      cm.setGutterMarker(line, "problems", marker);
      cm.problemLines.push(cm.addLineClass(line, "background", "problem-line"));
    });
    editor.classList.toggle("has-errors", cm.problemLines.length > 0);
  }

  function enhance(editor) {
    var textarea = editor.querySelector("textarea");
    editor.querySelectorAll(".CodeMirror").forEach(function (copy) {
      if (!copy.CodeMirror) copy.remove();  // a lifeless copy restored from htmx's history cache
    });
    if (instance(editor)) return;
    var label = document.querySelector("label[for='" + textarea.id + "']");
    var cm = window.CodeMirror.fromTextArea(textarea, {
      mode: "yaml",
      lineNumbers: true,
      gutters: ["problems", "CodeMirror-linenumbers"],
      readOnly: textarea.readOnly,
      indentUnit: 2,
      tabSize: 2,
      screenReaderLabel: label ? label.textContent : textarea.name,
      // The code itself takes focus (not a hidden textarea beside it): screen readers read the lines,
      // and the scrolling region holds what the keyboard reaches.
      inputStyle: "contenteditable",
      extraKeys: {  // YAML is indented with spaces, never tabs; Esc then Tab leaves the editor
        Tab: function (cm) {
          if (cm.somethingSelected()) cm.execCommand("indentMore");
          else cm.replaceSelection("  ", "end");
        },
        "Shift-Tab": "indentLess",
        Esc: function (cm) { cm.state.leaving = true; },
      },
    });
    cm.on("keydown", function (cm, event) {
      if (event.key === "Tab" && cm.state.leaving) event.codemirrorIgnore = true;  // the browser's Tab
      else if (event.key !== "Escape" && event.key !== "Shift") cm.state.leaving = false;
    });
    cm.on("focus", function (cm) { cm.state.leaving = false; });
    cm.on("change", function () {
      cm.save();
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });
    editor.classList.add("enhanced");
    if (editor.hasAttribute("data-problems")) markProblems();
  }

  function init() {
    var editors = document.querySelectorAll("[data-editor]");
    if (!editors.length) return;
    loadCodeMirror(editors[0]).then(function () {
      document.querySelectorAll("[data-editor]").forEach(enhance);
    }, function (error) {
      console.warn("The rubric editor stays a plain textarea: " + error.message);
    });
  }

  function goToLine(line) {
    var editor = document.querySelector("[data-editor][data-problems]");
    var cm = editor && instance(editor);
    if (!cm) {  // plain textarea
      var textarea = document.getElementById("rubric-text"), lines = textarea.value.split("\n"), offset = 0;
      for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
      textarea.focus();
      textarea.setSelectionRange(offset, offset + (lines[line - 1] || "").length);
      return;
    }
    var index = Math.min(Math.max(line - 1, 0), cm.lineCount() - 1);
    cm.focus();
    cm.setSelection({ line: index, ch: 0 }, { line: index, ch: cm.getLine(index).length });
    cm.scrollIntoView({ line: index, ch: 0 }, 80);
  }

  /* "Add as a test case": the previewed session's case (written by the server) goes at the end of
     the tests, under a tests header when there are none yet. */
  function addCase(button) {
    var source = button.closest("#rubric-preview").querySelector("[data-case]");
    var textarea = document.getElementById("rubric-tests-text");
    var editor = textarea.closest("[data-editor]"), cm = instance(editor);
    var text = (cm ? cm.getValue() : textarea.value).replace(/^cases:\s*\[\s*\]\s*$/m, "cases:");
    if (!/^cases:/m.test(text)) {
      var id = document.querySelector("#rubric-form [name=rubric_id]").value;
      text = (text.trim() ? text.replace(/\n*$/, "\n") : "") + "rubric: " + id + "\ncases:\n";
    }
    text = text.replace(/\n*$/, "\n") + source.textContent;
    if (cm) {
      cm.setValue(text);
      cm.scrollIntoView({ line: cm.lineCount() - 1, ch: 0 });
    } else {
      textarea.value = text;
    }
    button.disabled = true;
    button.textContent = "Added to the tests";
  }

  document.addEventListener("click", function (e) {
    var add = e.target.closest && e.target.closest("[data-add-case]");
    if (add) {
      addCase(add);
      return;
    }
    var link = e.target.closest && e.target.closest("[data-goto-line]");
    if (!link) return;
    e.preventDefault();
    goToLine(parseInt(link.dataset.gotoLine, 10));
  });
  document.addEventListener("DOMContentLoaded", init);
  if (window.htmx) {
    htmx.onLoad(function (element) {
      if (element.id === "rubric-issues" || (element.querySelector && element.querySelector("#rubric-issues"))) {
        markProblems();
      }
      init();
    });
  }
})();
