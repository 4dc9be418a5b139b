/* Site-wide progressive enhancements, loaded on every page (no inline scripts: strict CSP).
   1. Tables of three or more columns reflow into stacked rows on phones: each cell is labelled
      with its column header (data-label, shown by CSS) and the table keeps explicit ARIA roles,
      so screen readers still announce it as a table when CSS changes its display.
   2. "Filter" disclosures remember whether they were open, per page, for this browser tab. */
(function () {
  "use strict";

  function headerLabels(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!row) { return null; }
    var labels = [];
    Array.prototype.forEach.call(row.cells, function (cell) {
      var span = cell.colSpan || 1;
      for (var i = 0; i < span; i++) { labels.push(cell.textContent.trim()); }
    });
    return labels;
  }

  function stack(table) {
    var labels = headerLabels(table);
    if (!labels || labels.length < 3 || table.classList.contains("no-stack")) { return; }
    table.setAttribute("role", "table");
    if (table.tHead) {
      table.tHead.setAttribute("role", "rowgroup");
      Array.prototype.forEach.call(table.tHead.rows, function (row) {
        row.setAttribute("role", "row");
        Array.prototype.forEach.call(row.cells, function (cell) { cell.setAttribute("role", "columnheader"); });
      });
    }
    Array.prototype.forEach.call(table.tBodies, function (body) {
      body.setAttribute("role", "rowgroup");
      Array.prototype.forEach.call(body.rows, function (row) {
        row.setAttribute("role", "row");
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var label = labels[column];
          column += cell.colSpan || 1;
          cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
          if (label && cell.colSpan < 2) { cell.setAttribute("data-label", label); }
        });
      });
    });
    table.classList.add("stacks");
  }

  Array.prototype.forEach.call(document.querySelectorAll("main table"), stack);

  Array.prototype.forEach.call(document.querySelectorAll("details[data-remember]"), function (details) {
    var key = "disclosure:" + location.pathname + ":" + details.getAttribute("data-remember");
    var saved = null;
    try { saved = window.sessionStorage.getItem(key); } catch (e) { /* storage blocked */ }
    var wide = details.getAttribute("data-open-wide") !== null &&
      window.matchMedia && window.matchMedia(details.getAttribute("data-open-wide")).matches;
    if (saved === "open" || (saved === null && wide)) { details.open = true; }
    if (saved === "closed") { details.open = false; }
    details.addEventListener("toggle", function () {
      try { window.sessionStorage.setItem(key, details.open ? "open" : "closed"); } catch (e) { /* ignore */ }
    });
  });
}());
