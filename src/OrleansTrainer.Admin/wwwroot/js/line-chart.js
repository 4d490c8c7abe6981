// Draws line series per round into an SVG (its viewBox gives the size): a round axis from 0 and a linear or log value
// axis, both with round-number ticks (ChartTicks), and a legend. Self-contained (no library).
//   LineChart.draw(svg, { series: [{ name, cls, points: [[round, value], ...], markers }], log, xMax, yTitle })
// Each series is a polyline of class "curve <cls>" whose data-points is its number of points (values that the axis
// cannot show, NaN or not positive on a log axis, left out); series with markers get a circle per point when few.
window.LineChart = (function () {
  "use strict";
  const ns = "http://www.w3.org/2000/svg";
  const left = 64, right = 16, top = 28, bottom = 40;
  const maxVertices = 2000, maxMarkers = 100;

  function element(name, attributes, text) {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attributes)) { e.setAttribute(k, v); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // The value axis: [lo, hi] in axis units (log10 of the values on a log axis) with a margin, and its ticks.
  function valueAxis(values, log) {
    const unit = log ? Math.log10 : v => v;
    let lo = unit(values.reduce((a, b) => Math.min(a, b))), hi = unit(values.reduce((a, b) => Math.max(a, b)));
    const pad = hi > lo ? (hi - lo) * 0.04 : log ? 0.05 : Math.abs(hi) * 0.05 || 0.5;
    lo -= pad; hi += pad;
    const ticks = log ? ChartTicks.log(Math.pow(10, lo), Math.pow(10, hi)) : ChartTicks.linear(lo, hi, 5);
    return { unit, lo, hi, ticks };
  }

  function legend(svg, series) {
    let x = left;
    for (const s of series) {
      const item = element("g", { class: "legend-item" });
      item.appendChild(element("line", { class: "swatch " + s.cls, x1: x, y1: 13, x2: x + 18, y2: 13 }));
      const label = s.name + (s.points.length > 0 ? " (latest " + ChartTicks.format(Number(s.points[s.points.length - 1][1].toPrecision(6))) + ")" : "");
      item.appendChild(element("text", { x: x + 22, y: 17 }, label));
      svg.appendChild(item);
      x += 22 + 6.5 * label.length + 16;
    }
  }

  function draw(svg, chart) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
    const plotWidth = width - left - right, plotHeight = height - top - bottom;
    const shown = p => Number.isFinite(p[1]) && (!chart.log || p[1] > 0);
    const series = chart.series.map(s => ({ ...s, points: s.points.filter(shown) }));
    svg.appendChild(element("line", { class: "axis", x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }));
    svg.appendChild(element("line", { class: "axis", x1: left, y1: top, x2: left, y2: height - bottom }));
    svg.appendChild(element("text", { class: "x-title", x: left + plotWidth / 2, y: height - 6, "text-anchor": "middle" }, "round"));
    svg.appendChild(element("text", { class: "y-title", x: -(top + plotHeight / 2), y: 12, transform: "rotate(-90)", "text-anchor": "middle" }, chart.yTitle));
    legend(svg, series);
    const values = series.flatMap(s => s.points.map(p => p[1]));
    if (values.length === 0) {
      svg.appendChild(element("text", { x: left + plotWidth / 2, y: top + plotHeight / 2, "text-anchor": "middle" }, "no rounds yet"));
      return;
    }

    const axis = valueAxis(values, chart.log);
    const x = r => left + plotWidth * r / chart.xMax;
    const y = v => height - bottom - plotHeight * (axis.unit(v) - axis.lo) / (axis.hi - axis.lo);
    const yTicks = element("g", { class: "y-ticks" });
    for (const v of axis.ticks) {
      yTicks.appendChild(element("line", { class: "grid", x1: left, y1: y(v), x2: width - right, y2: y(v) }));
      yTicks.appendChild(element("text", { class: "tick", x: left - 6, y: y(v) + 4, "text-anchor": "end" }, ChartTicks.format(v)));
    }
    svg.appendChild(yTicks);
    const xTicks = element("g", { class: "x-ticks" });
    for (const r of ChartTicks.linear(0, chart.xMax, 8, 1)) {
      xTicks.appendChild(element("line", { class: "axis", x1: x(r), y1: height - bottom, x2: x(r), y2: height - bottom + 4 }));
      xTicks.appendChild(element("text", { class: "tick", x: x(r), y: height - bottom + 16, "text-anchor": "middle" }, ChartTicks.format(r)));
    }
    svg.appendChild(xTicks);

    for (const s of series) {
      const stride = Math.ceil(s.points.length / maxVertices);
      const vertices = s.points.filter((_, i) => i % stride === 0 || i === s.points.length - 1);
      svg.appendChild(element("polyline", {
        class: "curve " + s.cls, "data-points": s.points.length,
        points: vertices.map(p => x(p[0]).toFixed(1) + "," + y(p[1]).toFixed(1)).join(" "),
      }));
      if (s.markers && s.points.length <= maxMarkers) {
        for (const p of s.points) { svg.appendChild(element("circle", { class: "marker " + s.cls, cx: x(p[0]).toFixed(1), cy: y(p[1]).toFixed(1), r: 2.5 })); }
      }
    }
  }

  return { draw };
})();
