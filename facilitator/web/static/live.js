/* Follows the facilitator's phase changes and reveals without a reload, and counts
   dots and money while a ballot is filled in. Everything works without this file. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main) return;

  function fmt(tpl, n) { return tpl.replace("{n}", n); }

  function money(cents) {
    var lang = document.documentElement.lang || "fi";
    var locale = {fi: "fi-FI", sv: "sv-FI", en: "en-GB"}[lang] || "fi-FI";
    var whole = cents % 100 === 0;
    return new Intl.NumberFormat(locale, {style: "currency", currency: "EUR",
      minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2}).format(cents / 100);
  }

  function count(form) {
    var out = form.querySelector("[data-live-count]");
    if (!out) return;
    var limit = +form.getAttribute("data-limit"), used = 0, i, el = form.elements;
    for (i = 0; i < el.length; i++) {
      if (el[i].tagName.toLowerCase() === "select") used += +el[i].value || 0;
      else if (el[i].checked && el[i].type === "checkbox") used += +(el[i].getAttribute("data-cost") || 1);
    }
    var left = limit - used, kind = form.getAttribute("data-count");
    var text = kind === "budget" ? fmt(out.getAttribute(left < 0 ? "data-over" : "data-left"),
      money(Math.abs(left))).replace("{total}", money(used))
      : fmt(out.getAttribute(left < 0 ? "data-over" : "data-left"), Math.abs(left));
    out.textContent = text;
    out.className = left < 0 ? "count over" : "count";
  }

  function wire(root) {
    var forms = root.querySelectorAll("form[data-count]"), i;
    for (i = 0; i < forms.length; i++) {
      forms[i].addEventListener("change", function (e) { count(e.currentTarget); });
      count(forms[i]);
    }
  }

  /* Unsent text and choices stay when the same phase is drawn again. */
  function carry(from, to) {
    var els = from.querySelectorAll("textarea,select,input[type=checkbox],input[type=radio]"), i, e, t;
    for (i = 0; i < els.length; i++) {
      e = els[i];
      if (!e.name || e.name === "k") continue;
      t = to.querySelector((e.tagName === "INPUT" ? "input" : e.tagName.toLowerCase()) +
        "[name=\"" + e.name + "\"]" + (e.tagName === "INPUT" ? "[value=\"" + e.value + "\"]" : ""));
      if (!t) continue;
      if (e.tagName === "INPUT") t.checked = e.checked; else t.value = e.value;
    }
  }

  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = doc.getElementById("main");
    if (!next) return;
    if (next.getAttribute("data-phase") === main.getAttribute("data-phase")) carry(main, next);
    var focused = main.contains(document.activeElement);
    main.parentNode.replaceChild(next, main);
    main = next;
    document.title = doc.title;
    wire(main);
    var say = document.getElementById("announce");
    if (say) say.textContent = main.getAttribute("data-say") || document.title;
    if (focused) { var h = main.querySelector("h1"); if (h) { h.tabIndex = -1; h.focus(); } }
  }

  wire(main);
  var src = main.getAttribute("data-live");
  if (!src || !window.EventSource || !window.fetch) return;
  var latest = null, busy = false, tries = 0;
  function refresh() {
    if (busy || latest === null || latest === main.getAttribute("data-v")) return;
    busy = true;
    fetch(location.pathname, {credentials: "same-origin", cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(swap)
      .catch(function () {})
      .then(function () {
        busy = false;
        if (latest !== main.getAttribute("data-v") && ++tries < 4) setTimeout(refresh, 1000);
      });
  }
  new EventSource(src).onmessage = function (e) { latest = e.data; tries = 0; refresh(); };
})();
