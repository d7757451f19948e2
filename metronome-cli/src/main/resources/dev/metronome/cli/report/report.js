// Hover read-out for the line charts. The page works without it: markers keep their native tooltips.
(function () {
  "use strict";
  function inverse(kind, min, max, p0, p1, p) {
    var f = (p - p0) / (p1 - p0);
    if (kind === "log") { return Math.pow(10, Math.log10(min) + f * (Math.log10(max) - Math.log10(min))); }
    return min + f * (max - min);
  }
  function fmt(v) {
    if (!isFinite(v)) { return String(v); }
    var a = Math.abs(v);
    if (a !== 0 && (a >= 1e6 || a < 1e-3)) { return v.toExponential(3); }
    return String(Number(v.toPrecision(4)));
  }
  function fmtTime(s) {
    if (s < 60) { return s.toFixed(s < 10 ? 2 : 1) + " s"; }
    var w = Math.round(s), h = Math.floor(w / 3600), m = Math.floor((w % 3600) / 60), sec = w % 60;
    return h > 0 ? h + "h " + String(m).padStart(2, "0") + "m" : m + "m " + String(sec).padStart(2, "0") + "s";
  }
  document.querySelectorAll("svg.chart[data-plot]").forEach(function (svg) {
    var plot = svg.getAttribute("data-plot").split(" ").map(Number);
    var xKind = svg.getAttribute("data-x-kind"), yKind = svg.getAttribute("data-y-kind");
    var xMin = +svg.getAttribute("data-x-min"), xMax = +svg.getAttribute("data-x-max");
    var yMin = +svg.getAttribute("data-y-min"), yMax = +svg.getAttribute("data-y-max");
    var series = Array.prototype.map.call(svg.querySelectorAll("g.series"), function (g) {
      var nums = (g.querySelector("path.line").getAttribute("d").match(/-?[0-9.]+/g) || []).map(Number);
      var pts = [];
      for (var i = 0; i + 1 < nums.length; i += 2) { pts.push([nums[i], nums[i + 1]]); }
      return { name: g.getAttribute("data-series"), cls: g.getAttribute("class"), pts: pts };
    });
    var figure = svg.parentNode, tip = document.createElement("div"), hover = svg.querySelector("g.hover");
    tip.className = "tip";
    figure.appendChild(tip);
    var ns = svg.namespaceURI;
    svg.addEventListener("mousemove", function (ev) {
      var ctm = svg.getScreenCTM();
      if (!ctm) { return; }
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      var p = pt.matrixTransform(ctm.inverse());
      if (p.x < plot[0] || p.x > plot[2]) { tip.style.display = "none"; hover.textContent = ""; return; }
      var header = null, lines = [""];
      hover.textContent = "";
      var guide = document.createElementNS(ns, "line");
      guide.setAttribute("class", "hover-line");
      guide.setAttribute("x1", p.x); guide.setAttribute("x2", p.x);
      guide.setAttribute("y1", plot[1]); guide.setAttribute("y2", plot[3]);
      hover.appendChild(guide);
      series.forEach(function (s) {
        if (!s.pts.length) { return; }
        var lo = 0, hi = s.pts.length - 1;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (s.pts[mid][0] < p.x) { lo = mid + 1; } else { hi = mid; } }
        if (lo > 0 && Math.abs(s.pts[lo - 1][0] - p.x) < Math.abs(s.pts[lo][0] - p.x)) { lo--; }
        var q = s.pts[lo];
        if (Math.abs(q[0] - p.x) > 24) { return; }
        var dot = document.createElementNS(ns, "circle");
        dot.setAttribute("class", "hover-dot");
        dot.setAttribute("cx", q[0]); dot.setAttribute("cy", q[1]); dot.setAttribute("r", 3.5);
        var g = document.createElementNS(ns, "g");
        g.setAttribute("class", s.cls.replace("series", "").trim() + " hover-point");
        dot.style.fill = getComputedStyle(svg.querySelector("g.series." + s.cls.split(" ")[1] + " .line")).stroke;
        g.appendChild(dot);
        hover.appendChild(g);
        if (header === null) {
          // The read-out is headed by the nearest drawn point's position, not the pointer's.
          var xv = inverse("linear", xMin, xMax, plot[0], plot[2], q[0]);
          header = xKind === "time" ? fmtTime(xv) + " active" : "step " + Math.round(xv).toLocaleString("en");
          guide.setAttribute("x1", q[0]); guide.setAttribute("x2", q[0]);
        }
        var yv = inverse(yKind, yMin, yMax, plot[3], plot[1], q[1]);
        var span = document.createElement("span");
        span.textContent = s.name + " " + fmt(yv);
        lines.push(span.outerHTML);
      });
      if (header === null) { tip.style.display = "none"; return; }
      var head = document.createElement("b");
      head.textContent = header;
      lines[0] = head.outerHTML;
      tip.innerHTML = lines.join("<br>");
      tip.style.display = "block";
      var box = figure.getBoundingClientRect();
      var left = ev.clientX - box.left + 14;
      if (left + tip.offsetWidth > box.width) { left = ev.clientX - box.left - tip.offsetWidth - 14; }
      tip.style.left = left + "px";
      tip.style.top = (ev.clientY - box.top + 10) + "px";
    });
    svg.addEventListener("mouseleave", function () { tip.style.display = "none"; hover.textContent = ""; });
  });
})();
