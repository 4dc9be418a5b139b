// Progressive enhancement: show "their relationship" only when an expert by relationship helps.
(function () {
  "use strict";
  var box = document.getElementById("id_has_expert_by_relationship");
  var field = document.getElementById("field-expert_by_relationship_role");
  if (!box || !field) {
    return;
  }
  function sync() {
    var input = field.querySelector("input");
    var keep = box.checked || (input && input.value);
    field.classList.toggle("field-hidden", !keep);
  }
  box.addEventListener("change", sync);
  sync();
})();
