/* The rubric editor: line numbers beside each textarea, problems marked at their lines, and a click
   on a problem moves the cursor there. The checking itself is the server's (HTMX, as you type). */
(function () {
  "use strict";

  function renderGutter(editor) {
    var textarea = editor.querySelector("textarea"), gutter = editor.querySelector(".gutter");
    var lines = textarea.value.split("\n").length, bad = {};
    document.querySelectorAll("#rubric-issues [data-line]").forEach(function (li) { bad[li.dataset.line] = true; });
    var out = [];
    for (var i = 1; i <= lines; i++) out.push(bad[i] && textarea.id === "rubric-text" ? "▶" + i : String(i));
    gutter.textContent = out.join("\n");
    gutter.scrollTop = textarea.scrollTop;
    editor.classList.toggle("has-errors", textarea.id === "rubric-text" && Object.keys(bad).length > 0);
  }

  function goToLine(textarea, line) {
    var lines = textarea.value.split("\n"), offset = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    textarea.focus();
    textarea.setSelectionRange(offset, offset + (lines[line - 1] || "").length);
    textarea.scrollTop = Math.max(0, (line - 5) * 18);
  }

  function init() {
    document.querySelectorAll("[data-editor]").forEach(function (editor) {
      if (editor.dataset.ready) return;
      editor.dataset.ready = "1";
      var textarea = editor.querySelector("textarea");
      textarea.addEventListener("input", function () { renderGutter(editor); });
      textarea.addEventListener("scroll", function () { editor.querySelector(".gutter").scrollTop = textarea.scrollTop; });
      textarea.addEventListener("keydown", function (e) {  // Tab indents by two spaces, as YAML wants
        if (e.key !== "Tab" || textarea.readOnly) return;
        e.preventDefault();
        var start = textarea.selectionStart;
        textarea.setRangeText("  ", start, textarea.selectionEnd, "end");
      });
      renderGutter(editor);
    });
  }

  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("[data-goto-line]");
    if (!link) return;
    e.preventDefault();
    goToLine(document.getElementById("rubric-text"), parseInt(link.dataset.gotoLine, 10));
  });
  document.addEventListener("DOMContentLoaded", init);
  if (window.htmx) {
    htmx.onLoad(function () {
      init();
      document.querySelectorAll("[data-editor]").forEach(renderGutter);
    });
  }
})();
