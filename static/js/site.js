/* Progressive enhancement only: every page works without this file. */
document.addEventListener("DOMContentLoaded", function () {
  // After a refused form, move focus to the error summary so it is read out first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  // "Copy the current text": a starting point for a proposed wording, never the default.
  document.querySelectorAll("[data-copy-into]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-into"));
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      target.value = button.getAttribute("data-copy-text");
      target.focus();
    });
  });
});
