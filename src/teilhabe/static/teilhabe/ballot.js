// The live remaining-points hint of a ballot: points left as the person types (the form works without it; the
// server says the same after submitting).
(function () {
  "use strict";
  function init(form) {
    var total = parseInt(form.getAttribute("data-ballot-total"), 10);
    var hint = form.querySelector("[data-ballot-remaining]");
    var inputs = form.querySelectorAll("[data-ballot-points]");
    if (!hint || !inputs.length || isNaN(total)) { return; }
    var texts = {
      left: hint.getAttribute("data-left") || "Noch {left} von {total} Punkten übrig.",
      over: hint.getAttribute("data-over") || "Sie haben {used} Punkte vergeben, aber nur {total} zur Verfügung."
    };
    function update() {
      var used = 0;
      inputs.forEach(function (input) { var v = parseInt(input.value, 10); if (!isNaN(v) && v > 0) { used += v; } });
      var left = total - used;
      hint.textContent = (left >= 0 ? texts.left.replace("{left}", left) : texts.over.replace("{used}", used))
        .replace("{total}", total);
      hint.classList.toggle("ballot__remaining--over", left < 0);
    }
    inputs.forEach(function (input) { input.addEventListener("input", update); });
    hint.hidden = false;
    update();
  }
  document.querySelectorAll("form[data-ballot-total]").forEach(init);
})();
