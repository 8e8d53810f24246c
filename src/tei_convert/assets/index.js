// tei-convert site: sorting and filtering for the index table. Plain script,
// no library; without it the table is whole and in manifest order.
"use strict";
(function () {
  const table = document.getElementById("documents");
  const form = document.getElementById("filters");
  if (!table || !form) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const shown = form.elements.namedItem("shown");

  // Each filter's choices are the values the rows carry, sorted.
  for (const name of ["author", "year", "source"]) {
    const select = form.elements.namedItem(name);
    const values = Array.from(new Set(rows.map((row) => row.dataset[name]).filter(Boolean)));
    values.sort();
    for (const value of values) select.add(new Option(value, value));
  }

  function apply() {
    const author = form.elements.namedItem("author").value;
    const year = form.elements.namedItem("year").value;
    const source = form.elements.namedItem("source").value;
    const warned = form.elements.namedItem("warnings").checked;
    const words = form.elements.namedItem("title").value.trim().toLowerCase();
    let count = 0;
    for (const row of rows) {
      const keep = (!author || row.dataset.author === author) &&
        (!year || row.dataset.year === year) &&
        (!source || row.dataset.source === source) &&
        (!warned || Number(row.dataset.warnings) > 0) &&
        (!words || row.cells[0].textContent.toLowerCase().includes(words));
      row.hidden = !keep;
      if (keep) count += 1;
    }
    shown.value = count + " of " + rows.length + " shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();

  // A header is a button: a first press sorts up, the next down.
  const headers = Array.from(table.tHead.rows[0].cells);
  headers.forEach((th, column) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", () => {
      const up = th.getAttribute("aria-sort") !== "ascending";
      for (const other of headers) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      const key = (row) => {
        const cell = row.cells[column];
        return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim();
      };
      const numeric = th.dataset.key === "words" || th.dataset.key === "notes" ||
        th.dataset.key === "paragraphs" || th.dataset.key === "warnings";
      const sorted = rows.slice().sort((a, b) => {
        const order = numeric ? Number(key(a)) - Number(key(b))
          : key(a).localeCompare(key(b));
        return up ? order : -order;
      });
      for (const row of sorted) body.appendChild(row);
    });
  });
})();
