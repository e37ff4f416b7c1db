/* Progressive enhancement of the consultation page: the page works without this file.
   A "Show all N comments" link (data-load-comments) opens the page listing a provision's
   comments; here it fetches that page's cards alone (?fragment=1) and inserts them after
   the cards already shown, moves the focus to the first new one and says, in the page's
   status region, how many are shown. A page that is not the last ends with a link to
   the next one, which works the same way. If anything fails, the link is followed. */
document.addEventListener("DOMContentLoaded", function () {
  var status = document.querySelector("[data-comments-status]");

  var insert = function (link, list, html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var fragment = template.content.querySelector("[data-comment-fragment]");
    if (!fragment) {
      throw new Error("The answer holds no comments.");
    }
    var first = null;
    Array.prototype.slice.call(fragment.querySelectorAll("article.comment")).forEach(function (card) {
      // The first page repeats the cards the consultation page shows already.
      if (card.id && document.getElementById(card.id)) {
        return;
      }
      list.appendChild(document.importNode(card, true));
      first = first || list.lastElementChild;
    });
    var holder = link.closest("[data-comments-more]");
    var next = fragment.querySelector("[data-comments-more]");
    if (next) {
      holder.replaceWith(document.importNode(next, true));
    } else {
      holder.remove();
    }
    if (status) {
      status.textContent = fragment.getAttribute("data-status") || "";
    }
    var target = first || list.lastElementChild;
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  };

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-load-comments]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;  // a new tab or window gets the whole page
    }
    var group = link.closest("[data-comments]");
    var list = group && group.querySelector("[data-comment-list]");
    if (!list || !window.fetch) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-disabled") === "true") {
      return;  // already loading
    }
    link.setAttribute("aria-disabled", "true");
    list.setAttribute("aria-busy", "true");
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("fragment", "1");
    fetch(url.toString(), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.statusText);
        }
        return response.text();
      })
      .then(function (html) {
        insert(link, list, html);
        list.removeAttribute("aria-busy");
      })
      .catch(function () {
        window.location.assign(link.href);
      });
  });
});
