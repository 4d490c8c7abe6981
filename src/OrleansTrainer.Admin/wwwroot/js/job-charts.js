// The live charts of a job page: polls the job's metrics endpoint and redraws the training and validation loss (log
// scale, one axis: both are the mean of the model's own loss) and, when the job watches another metric, that metric
// on its validations. A round's training loss is of the weights it starts from (x = round), its validation of the
// weights it leaves (x = round + 1). data-validated on the loss chart says whether the job has validation; data-rounds
// holds the number of rounds received.
(function () {
  "use strict";
  const lossChart = document.getElementById("loss-chart");
  if (!lossChart) { return; }
  const validated = lossChart.dataset.validated === "true";
  const metricChart = document.getElementById("metric-chart");
  const url = lossChart.dataset.metricsUrl;
  const finished = ["Completed", "Failed", "Cancelled"];
  const training = [], validation = [], watched = [];

  function draw() {
    lossChart.dataset.rounds = String(training.length);
    const last = points => points.length > 0 ? points[points.length - 1][0] : 0;
    const xMax = Math.max(1, last(training), last(validation));
    const series = [{ name: "training loss", cls: "series-train", points: training }];
    if (validated) {
      series.push({ name: "validation loss", cls: "series-validation", points: validation, markers: true });
    }
    LineChart.draw(lossChart, { series, log: true, xMax, yTitle: "loss (log scale)" });
    if (metricChart) {
      const name = "validation " + metricChart.dataset.metric;
      LineChart.draw(metricChart, { series: [{ name, cls: "series-metric", points: watched, markers: true }], log: false, xMax, yTitle: metricChart.dataset.metric });
    }
  }

  async function poll() {
    let done = false;
    try {
      const response = await fetch(url + "?from=" + training.length, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) {
        const body = await response.json();
        for (const m of body.metrics) { training.push([m.round, Number(m.loss)]); }
        for (const v of body.validation) {
          validation.push([v.round + 1, Number(v.loss)]);
          watched.push([v.round + 1, v.watched === null ? NaN : Number(v.watched)]);
        }
        const round = document.getElementById("job-round");
        if (round) { round.textContent = String(body.round); }
        draw();
        done = finished.includes(body.status) && training.length >= body.round;
      }
    } catch (e) {
      // The console or the cluster is briefly unreachable: try again on the next tick.
    }
    if (!done) { setTimeout(poll, 1000); }
  }

  draw();
  poll();
})();
