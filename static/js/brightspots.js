// Progressive enhancement for the Bright Spot form: a "characters left" count under long fields.
(function () {
  "use strict";
  var fields = document.querySelectorAll(".bright-spot-form textarea[maxlength]");
  Array.prototype.forEach.call(fields, function (field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit) { return; }
    var counter = document.createElement("p");
    counter.className = "meta char-count";
    counter.id = field.id + "_count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", (describedBy ? describedBy + " " : "") + counter.id);
    function update() {
      var left = limit - field.value.length;
      counter.textContent = left.toLocaleString("en-GB") + " characters left";
    }
    field.addEventListener("input", update);
    update();
  });
})();
