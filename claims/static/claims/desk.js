/* Claimtrack desk: the live 75-character guide and the article span picker. No build step. */
(function () {
  "use strict";

  function guide(input) {
    var limit = parseInt(input.dataset.guide, 10);
    var note = document.createElement("div");
    note.className = "ct-guide";
    var bar = document.createElement("div");
    bar.className = "ct-guide-bar";
    bar.appendChild(document.createElement("span"));
    input.insertAdjacentElement("afterend", bar);
    input.insertAdjacentElement("afterend", note);
    function update() {
      var n = input.value.trim().length;
      var over = n > limit;
      note.textContent = over
        ? n + " / " + limit + " characters: " + (n - limit) + " over the guide, shorten it"
        : n + " / " + limit + " characters (" + (limit - n) + " left)";
      note.classList.toggle("ct-over", over);
      bar.classList.toggle("ct-over", over);
      bar.firstChild.style.width = Math.min(100, (100 * n) / limit) + "%";
    }
    input.addEventListener("input", update);
    update();
  }

  // Offsets in the article's text as Python counts them (code points, not UTF-16 units).
  function codePoints(s) {
    return Array.from(s).length;
  }

  function spanPicker(container) {
    var form = document.getElementById("ct-span-form");
    if (!form) return;
    var preview = document.getElementById("ct-span-preview");
    document.addEventListener("selectionchange", function () {
      var sel = window.getSelection();
      if (!sel.rangeCount || sel.isCollapsed) return;
      var range = sel.getRangeAt(0);
      if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) {
        return;
      }
      var before = document.createRange();
      before.setStart(container, 0);
      before.setEnd(range.startContainer, range.startOffset);
      var start = codePoints(before.toString());
      var end = start + codePoints(range.toString());
      form.elements.start.value = start;
      form.elements.end.value = end;
      if (preview) preview.textContent = "“" + range.toString() + "”";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-guide]").forEach(guide);
    var text = document.querySelector(".ct-article-text");
    if (text) spanPicker(text);
  });
})();
