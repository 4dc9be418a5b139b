/* Run-a-review page: keep a copy of what is typed in this browser, and save to the server
   every 20 seconds; a completed review's page drops that copy. Everything works without this
   script; it only makes losing text harder. */
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // A completed review is on the server for good: drop this browser's copy of the draft.
  var completed = document.querySelector("[data-review-completed]");
  if (completed) {
    try { localStorage.removeItem("brightspots-review-" + completed.dataset.reviewCompleted); } catch (e) { /* storage disabled */ }
  }
  var form = document.getElementById("review-run-form");
  if (!form || !window.fetch || !window.FormData) { return; }
  var status = document.getElementById("autosave-status");
  var key = "brightspots-review-" + form.dataset.review;
  var INTERVAL = 20000;
  var dirty = false;
  var saving = false;

  function say(text) { if (status) { status.textContent = text; } }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit" &&
        el.type !== "hidden" && el.type !== "button";
    });
  }

  function snapshot() {
    var values = {};
    fields().forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        values[el.id || el.name] = el.checked;
      } else if (el.tagName === "SELECT" && el.multiple) {
        values[el.id || el.name] = Array.prototype.map.call(el.selectedOptions, function (o) { return o.value; });
      } else {
        values[el.id || el.name] = el.value;
      }
    });
    return values;
  }

  function store() {
    try {
      localStorage.setItem(key, JSON.stringify({
        version: form.dataset.version, saved: Date.now(), values: snapshot()
      }));
    } catch (e) { /* storage full or disabled: the server copy still works */ }
  }

  function restore() {
    var stored;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    if (!stored || !stored.values) { return; }
    // Only a copy taken from the version the server still has can hold unsaved text.
    if (stored.version !== form.dataset.version) { localStorage.removeItem(key); return; }
    var changed = 0;
    fields().forEach(function (el) {
      var id = el.id || el.name;
      if (!(id in stored.values)) { return; }
      var value = stored.values[id];
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked !== value) { el.checked = value; changed++; }
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) !== -1; });
      } else if (el.value !== value) {
        el.value = value; changed++;
      }
    });
    if (changed) {
      dirty = true;
      say("Restored " + changed + " unsaved change" + (changed === 1 ? "" : "s") +
        " kept in this browser. Press \u201cSave draft\u201d to keep them.");
    }
  }

  function autosave() {
    if (!dirty || saving) { return; }
    saving = true;
    var data = new FormData(form);
    dirty = false;
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      if (result.ok && result.body.saved) {
        form.dataset.version = String(result.body.version);
        store();
      } else {
        dirty = true;
      }
      say(result.body.message);
    }).catch(function () {
      dirty = true;
      say("Could not reach the server. Your text is kept in this browser; try \u201cSave draft\u201d when you are back online.");
    }).then(function () { saving = false; });
  }

  form.addEventListener("input", function () { dirty = true; store(); });
  form.addEventListener("change", function () { dirty = true; store(); });
  form.addEventListener("submit", store);
  restore();
  window.setInterval(autosave, INTERVAL);
  window.addEventListener("pagehide", store);
}());
