/* report.html's tables: click (or Enter on) a heading to sort by it, type or choose to filter.
   Numbers sort by their value (data-value), words as the page's language sorts them. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var collator = new Intl.Collator(lang, { numeric: true, sensitivity: "base" });

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function cellKey(row, column) {
    var cell = row.cells[column];
    var value = cell.getAttribute("data-value");
    return value === null ? cell.textContent.trim() : Number(value);
  }

  function sortBy(table, column) {
    var heading = table.tHead.rows[0].cells[column];
    var ascending = heading.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellKey(a, column), y = cellKey(b, column);
      var order = typeof x === "number" && typeof y === "number"
        ? x - y : collator.compare(String(x), String(y));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function filter(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    var words = box.querySelector("input");
    var wanted = words ? fold(words.value.trim()) : "";
    var choices = Array.prototype.map.call(box.querySelectorAll("select"), function (select) {
      return { column: Number(select.getAttribute("data-column")), value: select.value };
    });
    var shown = 0, rows = table.tBodies[0].rows;
    Array.prototype.forEach.call(rows, function (row) {
      var keep = (!wanted || fold(row.textContent).indexOf(wanted) >= 0) &&
        choices.every(function (choice) {
          return !choice.value || row.cells[choice.column].textContent.trim() === choice.value;
        });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    var count = box.querySelector(".count");
    if (count) {
      count.textContent = count.getAttribute("data-words")
        .replace("{shown}", shown.toLocaleString(lang))
        .replace("{total}", rows.length.toLocaleString(lang));
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
      heading.tabIndex = 0;
      heading.addEventListener("click", function () { sortBy(table, column); });
      heading.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, column);
        }
      });
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll(".toolbar"), function (box) {
    box.addEventListener("input", function () { filter(box); });
    box.addEventListener("change", function () { filter(box); });
    filter(box);
  });
})();
