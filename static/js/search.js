// Search box suggestions: an ARIA 1.2 combobox over /search/suggest/. Without JS the box is a
// plain search field and the form works as normal.
(function () {
  "use strict";
  var box = document.querySelector(".combobox[data-suggest-url]");
  if (!box) return;
  var input = box.querySelector("input[role=combobox]");
  var list = box.querySelector("[role=listbox]");
  var status = document.getElementById("search-suggestions-status");
  var url = box.getAttribute("data-suggest-url");
  var timer = null;
  var active = -1;
  var latest = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function choose(item) {
    input.value = item.getAttribute("data-value");
    close();
    input.form.submit();
  }

  function render(query, suggestions) {
    list.innerHTML = "";
    suggestions.forEach(function (suggestion, i) {
      var item = document.createElement("li");
      item.id = "search-suggestion-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-value", suggestion.label);
      item.className = "suggestion suggestion-" + suggestion.kind;
      item.textContent = suggestion.label;
      item.addEventListener("mousedown", function (event) { event.preventDefault(); choose(item); });
      list.appendChild(item);
    });
    var count = suggestions.length;
    list.hidden = count === 0;
    input.setAttribute("aria-expanded", count ? "true" : "false");
    status.textContent = count ? count + " suggestion" + (count === 1 ? "" : "s") + " available" : "";
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < 2) { close(); return; }
    var ticket = ++latest;
    fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (ticket === latest) render(query, data.suggestions || []); })
      .catch(function () { close(); });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    var items = options();
    if (event.key === "ArrowDown") {
      if (list.hidden) { fetchSuggestions(); return; }
      event.preventDefault(); highlight(active + 1);
    } else if (event.key === "ArrowUp" && !list.hidden) {
      event.preventDefault(); highlight(active - 1);
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault(); choose(items[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      // First Escape closes the list; only a second one clears the box (the browser default).
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
