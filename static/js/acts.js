/* Progressive enhancement of the version editor: the page works without this file.
   In a split form, placing the cursor in the unit's text fills in the split position
   (a 1-based character count, the same number a person would type). */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-split-form]").forEach(function (form) {
    var source = form.querySelector("[data-split-source]");
    var offset = form.querySelector("[data-split-offset]");
    if (!source || !offset) {
      return;
    }
    var update = function () {
      if (source.selectionStart > 0) {
        offset.value = String(source.selectionStart);
      }
    };
    ["click", "keyup", "select"].forEach(function (name) {
      source.addEventListener(name, update);
    });
  });
});
