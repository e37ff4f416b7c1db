// Documents being made update their status in place: each asks the API for its status every
// few seconds until it is ready or failed. Without JavaScript the page links to itself.
(function () {
  "use strict";
  var FINAL = { ready: true, failed: true };
  var DELAY = 2000;

  function sizeLabel(bytes) {
    if (bytes === null || bytes === undefined) return "";
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + " KB";
    return (bytes / 1024 / 1024).toFixed(1) + " MB";
  }

  function poll(item) {
    var url = item.getAttribute("data-document-status-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (document) {
        if (!document) return;
        item.setAttribute("data-status", document.status);
        item.querySelector("[data-role=status]").textContent = document.status_label;
        if (document.status === "ready") {
          item.querySelector("[data-role=size]").textContent = sizeLabel(document.size);
          var ready = item.querySelector("[data-role=ready]");
          ready.querySelectorAll("a[data-href]").forEach(function (link) {
            link.setAttribute("href", link.getAttribute("data-href"));
          });
          ready.hidden = false;
        }
        if (!FINAL[document.status]) window.setTimeout(function () { poll(item); }, DELAY);
      })
      .catch(function () { window.setTimeout(function () { poll(item); }, DELAY * 5); });
  }

  function start() {
    var items = document.querySelectorAll("[data-document-status-url]");
    Array.prototype.forEach.call(items, function (item) {
      if (!FINAL[item.getAttribute("data-status")]) window.setTimeout(function () { poll(item); }, DELAY);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
