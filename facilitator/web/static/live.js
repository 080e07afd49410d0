/* Follows the facilitator's phase changes and reveals without a reload, gives the dot
   ballot its − and + buttons, and counts dots and money while a ballot is filled in.
   Everything works without this file. ES5 only: five-year-old phones run it. */
(function () {
  "use strict";
  var main = document.getElementById("main");
  if (!main) return;

  function fmt(tpl, n) { return (tpl || "").replace("{n}", n); }

  function money(cents) {
    var lang = document.documentElement.lang || "fi";
    var locale = {fi: "fi-FI", sv: "sv-FI", en: "en-GB"}[lang] || "fi-FI";
    var whole = cents % 100 === 0;
    return new Intl.NumberFormat(locale, {style: "currency", currency: "EUR",
      minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2}).format(cents / 100);
  }

  /* The template for what is left: none, one and many have their own sentences. */
  function said(out, left) {
    var a = function (n) { return out.getAttribute("data-" + n); };
    if (left < 0) return (left === -1 && a("over1")) || a("over");
    if (left === 0 && a("none")) return a("none");
    return (left === 1 && a("left1")) || a("left");
  }

  function count(form) {
    var out = form.querySelector("[data-live-count]");
    if (!out) return;
    var limit = +form.getAttribute("data-limit"), used = 0, i, el = form.elements;
    for (i = 0; i < el.length; i++) {
      if (el[i].tagName === "SELECT") used += +el[i].value || 0;
      else if (el[i].checked && el[i].type === "checkbox") used += +(el[i].getAttribute("data-cost") || 1);
    }
    var left = limit - used;
    form.left = left;
    out.textContent = form.getAttribute("data-count") === "budget"
      ? fmt(said(out, left), money(Math.abs(left))).replace("{total}", money(used))
      : fmt(said(out, left), Math.abs(left));
    out.className = left < 0 ? "count live over" : "count live";
  }

  /* A function, not a string: "$&" in an idea is text, not a pattern. */
  function named(tpl, idea) { return (tpl || "").replace("{idea}", function () { return idea; }); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  /* − ●●○ + beside an idea; its select stays the form's field (and the no-JS way). */
  function stepper(form, row) {
    var sel = row.querySelector("select"), idea = row.querySelector("label").textContent;
    var max = sel.options.length - 1, box = el("div", "step");
    var less = el("button", "alt", "\u2212"), more = el("button", "alt", "+");
    var out = el("span", "dots"), seen = el("span", null), heard = el("span", "sr-only");
    less.type = more.type = "button";
    less.setAttribute("aria-label", named(form.getAttribute("data-less"), idea));
    more.setAttribute("aria-label", named(form.getAttribute("data-more"), idea));
    seen.setAttribute("aria-hidden", "true");
    out.setAttribute("aria-live", "polite");
    out.appendChild(seen); out.appendChild(heard);
    box.appendChild(less); box.appendChild(out); box.appendChild(more);
    sel.className = "sr-only"; sel.tabIndex = -1; sel.setAttribute("aria-hidden", "true");
    row.className += " stepped";
    row.appendChild(box);
    function show() {
      var n = +sel.value, d = "", k;
      for (k = 0; k < max; k++) d += k < n ? "\u25cf" : "\u25cb";
      seen.textContent = d;
      heard.textContent = named(fmt(form.getAttribute(n === 1 ? "data-one" : "data-many"), n), idea);
      less.setAttribute("aria-disabled", n === 0 ? "true" : "false");
      more.setAttribute("aria-disabled", n === max || form.left <= 0 ? "true" : "false");
    }
    function step(by) {
      var n = +sel.value + by;
      if (n < 0 || n > max || (by > 0 && form.left <= 0)) return;
      sel.value = String(n);
      sel.dispatchEvent(new Event("change", {bubbles: true}));
    }
    less.addEventListener("click", function () { step(-1); });
    more.addEventListener("click", function () { step(1); });
    form.addEventListener("change", show);
    show();
  }

  function wire(root) {
    var forms = root.querySelectorAll("form[data-count]"), i, j, rows;
    for (i = 0; i < forms.length; i++) {
      forms[i].addEventListener("change", function (e) { count(e.currentTarget); });
      count(forms[i]);
      rows = forms[i].querySelectorAll(".row");
      for (j = 0; j < rows.length; j++) stepper(forms[i], rows[j]);
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

  /* A field with words in it that were not sent yet. */
  function typing() {
    var f = main.querySelectorAll("textarea,input[type=text]"), i;
    for (i = 0; i < f.length; i++) if (f[i].value.replace(/\s+/g, "")) return f[i];
    return null;
  }

  /* The room moved on while someone writes: keep the page and the words, say so, and
     offer the next page (it comes by itself once the field is empty). */
  var held = null;
  function hold(html, field) {
    held = html;
    if (document.getElementById("held")) return;
    var form = field.form, box = el("div", "alert"), go = el("button", "alt", form.getAttribute("data-go"));
    box.id = "held";
    box.setAttribute("role", "alert");
    box.appendChild(el("p", null, form.getAttribute("data-moved")));
    box.appendChild(el("p", null, form.getAttribute("data-keep")));
    go.type = "button";
    go.addEventListener("click", function () { var h = held; held = null; swap(h, true); });
    box.appendChild(el("p", null)).appendChild(go);
    field.parentNode.parentNode.insertBefore(box, field.parentNode);
    field.addEventListener("input", function () { if (held && !typing()) swap(held, true); });
  }

  function swap(html, anyway) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = doc.getElementById("main"), field = typing();
    if (!next) return;
    var same = next.getAttribute("data-phase") === main.getAttribute("data-phase");
    if (!same && field && !anyway && field.form && field.form.getAttribute("data-keep")) return hold(html, field);
    if (same) carry(main, next);
    held = null;
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
      .then(function (html) { swap(html, false); })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (!held && latest !== main.getAttribute("data-v") && ++tries < 4) setTimeout(refresh, 1000);
      });
  }
  new EventSource(src).onmessage = function (e) { latest = e.data; tries = 0; refresh(); };
})();
