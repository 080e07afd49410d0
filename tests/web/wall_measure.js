() => {
  function lum(c) {
    var m = c.match(/[\d.]+/g).map(Number);
    var f = function (v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return [0.2126 * f(m[0]) + 0.7152 * f(m[1]) + 0.0722 * f(m[2]), m.length > 3 ? m[3] : 1];
  }
  function bg(el) {
    for (; el; el = el.parentElement) {
      var c = getComputedStyle(el).backgroundColor;
      if (lum(c)[1] > 0) return c;
    }
    return "rgb(255,255,255)";
  }
  var out = {minFont: 1e9, minWhere: "", lowContrast: [], broken: [], outside: [], words: 0};
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
  while ((node = walker.nextNode())) {
    var el = node.parentElement, text = node.nodeValue;
    if (!text.trim() || el.closest(".sr-only,svg,script,noscript")) continue;
    var rects = el.getClientRects();
    if (!rects.length || getComputedStyle(el).visibility === "hidden") continue;
    var hidden = false;
    for (var a = el; a; a = a.parentElement) if (getComputedStyle(a).display === "none") hidden = true;
    if (hidden) continue;
    var size = parseFloat(getComputedStyle(el).fontSize);
    if (size < out.minFont) { out.minFont = size; out.minWhere = text.slice(0, 40); }
    var fg = lum(getComputedStyle(el).color)[0], back = lum(bg(el))[0];
    var ratio = (Math.max(fg, back) + 0.05) / (Math.min(fg, back) + 0.05);
    if (ratio < 7) out.lowContrast.push([text.slice(0, 40), ratio]);
    var re = /\S+/g, m;
    while ((m = re.exec(text))) {
      var r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      var tops = {}, n = 0, list = r.getClientRects();
      for (var k = 0; k < list.length; k++) {
        var t = Math.round(list[k].top);
        if (list[k].width > 0 && !tops[t]) { tops[t] = 1; n++; }
      }
      out.words++;
      for (var q = 0; q < list.length; q++) {
        var b = list[q];
        if (b.width > 0 && (b.right > innerWidth + 1 || b.bottom > innerHeight + 1 || b.left < -1))
          { out.outside.push(m[0].slice(0, 40)); break; }
      }
      if (n > 1) out.broken.push(m[0].slice(0, 40));
    }
  }
  /* Clipped sideways (a word cut at a column's edge) counts as broken too. */
  out.clipped = [];
  var boxes = document.querySelectorAll("#main *");
  for (var z = 0; z < boxes.length; z++) {
    var bx = boxes[z];
    if (bx.closest("svg") || !bx.getClientRects().length) continue;
    if (getComputedStyle(bx).overflowX !== "visible" && bx.scrollWidth > bx.clientWidth + 1)
      out.clipped.push(bx.textContent.slice(0, 40));
  }
  var code = document.getElementById("join-code");
  out.codeLines = code ? code.getClientRects().length : 0;
  out.code = code ? code.textContent : "";
  var cr = code ? code.getBoundingClientRect() : null;
  out.codeInside = !!cr && cr.left >= 0 && cr.right <= innerWidth + 0.5 && cr.bottom <= innerHeight + 0.5;
  out.overflowX = document.documentElement.scrollWidth > innerWidth;
  out.overflowY = document.documentElement.scrollHeight > innerHeight;
  out.state = document.getElementById("main").getAttribute("data-state");
  return out;
}
