/* Barrier log: as-you-type suggestions of similar barriers on the "Log a snag" form.
   Progressive enhancement: without JS the "Check for similar barriers" button does the same. */
(function () {
  "use strict";
  var form = document.getElementById("log-snag-form");
  if (!form || !window.fetch) { return; }
  var input = form.querySelector("#id_title");
  var results = document.getElementById("similar-results");
  var url = form.getAttribute("data-similar-url");
  var timer = null;
  var lastQuery = null;

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function formatDate(iso) {
    if (!iso) { return ""; }
    var d = new Date(iso + "T00:00:00");
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });
  }

  function render(items) {
    results.textContent = "";
    var intro = document.createElement("p");
    if (!items.length) {
      intro.textContent = "No similar barriers found. If nothing matches, log it as new.";
      results.appendChild(intro);
      return;
    }
    intro.textContent = plural(items.length, "similar barrier") + " already in the log. " +
      "If one is what you met, choose it so it is counted again.";
    results.appendChild(intro);
    var list = document.createElement("ul");
    list.className = "plain-list similar-list";
    items.forEach(function (item) {
      var li = document.createElement("li");
      li.className = "card";
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title;
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = " " + item.status + " · met " + plural(item.occurrences, "time") +
        (item.last_seen ? " · last seen " + formatDate(item.last_seen) : "");
      var button = document.createElement("button");
      button.type = "submit";
      button.name = "action";
      button.value = "same-" + item.id;
      button.className = "button button-secondary";
      button.textContent = "This is the same";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + item.title;
      button.appendChild(hidden);
      li.appendChild(link);
      li.appendChild(meta);
      li.appendChild(button);
      list.appendChild(li);
    });
    results.appendChild(list);
  }

  function lookUp() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (query.length < 3) { results.textContent = ""; return; }
    fetch(url + "?q=" + encodeURIComponent(query), {
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (data && input.value.trim() === query) { render(data.results); }
      })
      .catch(function () { /* the server-side check button still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(lookUp, 300);
  });
}());
