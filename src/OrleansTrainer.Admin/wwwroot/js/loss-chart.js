// The live loss curve of a job page: polls the job's metrics endpoint and redraws an SVG line of log10(loss) per round.
// Self-contained (no library, no network beyond this console). data-rounds on the SVG holds the number of rounds drawn.
(function () {
  "use strict";
  const svg = document.getElementById("loss-chart");
  if (!svg) { return; }
  const url = svg.dataset.metricsUrl;
  const ns = "http://www.w3.org/2000/svg";
  const width = 800, height = 300, left = 60, right = 16, top = 16, bottom = 36;
  const rounds = [], losses = [];
  const finished = ["Completed", "Failed", "Cancelled"];

  function element(name, attributes, text) {
    const e = document.createElementNS(ns, name);
    for (const [k, v] of Object.entries(attributes)) { e.setAttribute(k, v); }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function draw() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.appendChild(element("line", { class: "axis", x1: left, y1: height - bottom, x2: width - right, y2: height - bottom }));
    svg.appendChild(element("line", { class: "axis", x1: left, y1: top, x2: left, y2: height - bottom }));
    svg.dataset.rounds = String(rounds.length);
    if (rounds.length === 0) {
      svg.appendChild(element("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "no rounds yet"));
      return;
    }
    const ys = losses.map(l => Math.log10(Math.max(l, 1e-300)));
    let yMin = Math.min(...ys), yMax = Math.max(...ys);
    if (yMax - yMin < 1e-9) { yMin -= 0.5; yMax += 0.5; }
    const xMax = Math.max(1, rounds[rounds.length - 1]);
    const x = r => left + (width - left - right) * r / xMax;
    const y = v => height - bottom - (height - top - bottom) * (v - yMin) / (yMax - yMin);
    const step = Math.max(1, Math.floor(rounds.length / 2000));
    const points = [];
    for (let i = 0; i < rounds.length; i += step) { points.push(x(rounds[i]).toFixed(1) + "," + y(ys[i]).toFixed(1)); }
    points.push(x(rounds[rounds.length - 1]).toFixed(1) + "," + y(ys[ys.length - 1]).toFixed(1));
    svg.appendChild(element("polyline", { class: "curve", points: points.join(" ") }));
    svg.appendChild(element("text", { x: left - 6, y: top + 10, "text-anchor": "end" }, "1e" + yMax.toFixed(1)));
    svg.appendChild(element("text", { x: left - 6, y: height - bottom, "text-anchor": "end" }, "1e" + yMin.toFixed(1)));
    svg.appendChild(element("text", { x: left, y: height - 12 }, "round 0"));
    svg.appendChild(element("text", { x: width - right, y: height - 12, "text-anchor": "end" }, "round " + xMax));
    svg.appendChild(element("text", { x: width / 2, y: height - 4, "text-anchor": "middle" }, "loss (log scale), latest " + losses[losses.length - 1].toPrecision(6)));
  }

  async function poll() {
    let done = false;
    try {
      const response = await fetch(url + "?from=" + rounds.length, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) {
        const body = await response.json();
        for (const m of body.metrics) { rounds.push(m.round); losses.push(m.loss); }
        const round = document.getElementById("job-round");
        if (round) { round.textContent = String(body.round); }
        draw();
        done = finished.includes(body.status) && rounds.length >= body.round;
      }
    } catch (e) {
      // The console or the cluster is briefly unreachable: try again on the next tick.
    }
    if (!done) { setTimeout(poll, 1000); }
  }

  draw();
  poll();
})();
