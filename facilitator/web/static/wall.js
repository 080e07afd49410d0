/* The wall's own few lines: the countdown ticks each second, and ideas or bars that would
   be cut at the bottom of their column are left out whole. live.js swaps the page when the
   workshop changes; without JavaScript the page reloads itself every few seconds. ES5. */
(function () {
  "use strict";
  function tick() {
    var els = document.querySelectorAll("[data-ends]"), i, e, left, m, s;
    for (i = 0; i < els.length; i++) {
      e = els[i];
      left = Math.floor((+e.getAttribute("data-ends") - Date.now()) / 1000);
      if (left <= 0) { e.textContent = e.getAttribute("data-up"); continue; }
      m = Math.floor(left / 60); s = left % 60;
      e.textContent = e.getAttribute("data-tpl").replace("{time}", m + ":" + (s < 10 ? "0" : "") + s);
    }
  }
  function fit() {
    var cols = document.querySelectorAll(".wall .col"), i, j, items, bottom;
    for (i = 0; i < cols.length; i++) {
      bottom = cols[i].getBoundingClientRect().bottom;
      items = cols[i].querySelectorAll("li");
      for (j = 0; j < items.length; j++) items[j].style.display = "";
      for (j = 0; j < items.length; j++) {
        if (items[j].getBoundingClientRect().bottom > bottom + 1) items[j].style.display = "none";
      }
    }
  }
  function both() { tick(); fit(); }
  both();
  window.addEventListener("load", both);
  setInterval(both, 1000);  /* in one task: no frame is drawn between showing and leaving out */
  window.wallFit = fit;
  window.addEventListener("resize", both);  /* fit() shows everything again before it measures */
  if (window.MutationObserver) new MutationObserver(both).observe(document.body, {childList: true});
})();
