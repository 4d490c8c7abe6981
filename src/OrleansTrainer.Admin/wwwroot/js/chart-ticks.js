// Tick values and labels for the console's charts: only round numbers, that is 1, 2 or 5 × 10^k on a log axis, or
// the multiples of such a step on a linear one, labelled as plain decimals (1e-4 style when very small or large).
window.ChartTicks = (function () {
  "use strict";
  const mantissas = [1, 2, 5];

  // v without the binary noise of its computation (0.30000000000000004 is 0.3).
  function clean(v) { return Number(v.toPrecision(12)); }

  // The 1, 2 or 5 × 10^k step nearest (by ratio) to cutting a span into `count` intervals.
  function step(span, count) {
    const raw = span / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const error = raw / power;
    return clean(power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1));
  }

  // Multiples of a round step within [min, max] (max > min), never finer than minStep.
  function linear(min, max, count, minStep = 0) {
    const s = Math.max(step(max - min, count), minStep);
    const ticks = [];
    for (let k = Math.ceil(min / s - 1e-9); k * s <= max + s * 1e-9; k++) { ticks.push(clean(k * s)); }
    return ticks;
  }

  // Ticks of a log axis over [min, max] (0 < min < max): powers of ten (every few when the range spans many decades),
  // with 2 and 5 × 10^k between them when it spans few; a range too narrow for three such ticks gets linear ones.
  function log(min, max) {
    const lo = Math.floor(Math.log10(min)), hi = Math.ceil(Math.log10(max));
    const decades = hi - lo;
    const every = Math.ceil(decades / 6);
    const use = decades > 3 ? [1] : mantissas;
    const ticks = [];
    for (let k = lo; k <= hi; k++) {
      if (k % every !== 0) { continue; }
      for (const m of use) {
        const v = clean(m * Math.pow(10, k));
        if (v >= min && v <= max) { ticks.push(v); }
      }
    }
    return ticks.length >= 3 ? ticks : linear(min, max, 5);
  }

  // A tick's label: a plain decimal from 0.001 to below a million, else mantissa and exponent (2e-5, 1e7).
  function format(v) {
    const r = clean(v);
    const a = Math.abs(r);
    return a === 0 || (a >= 1e-3 && a < 1e6) ? String(r) : r.toExponential().replace("e+", "e");
  }

  return { linear, log, format };
})();
