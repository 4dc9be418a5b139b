// Discussion: a live character count on comment boxes, and opening the reply box a link points at.
// Everything works without this file; it only adds feedback.
(function () {
  "use strict";

  function setUpCounter(form) {
    var box = form.querySelector("textarea[data-discussion-body]");
    var counter = form.querySelector("[data-discussion-counter]");
    if (!box || !counter) return;
    var limit = parseInt(box.getAttribute("maxlength"), 10) || 5000;
    // The server enforces the limit with a clear message; let people paste and then trim.
    box.removeAttribute("maxlength");
    function update() {
      var left = limit - box.value.length;
      counter.hidden = false;
      counter.classList.toggle("is-over", left < 0);
      counter.textContent = left >= 0
        ? left + " characters left"
        : (-left) + " characters too many";
    }
    box.addEventListener("input", update);
    update();
  }

  function openTargetReply() {
    if (!location.hash) return;
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "FORM") {
      var details = target.closest("details");
      if (details) details.open = true;
    }
  }

  document.querySelectorAll(".discussion__form").forEach(setUpCounter);
  openTargetReply();
  window.addEventListener("hashchange", openTargetReply);
})();
