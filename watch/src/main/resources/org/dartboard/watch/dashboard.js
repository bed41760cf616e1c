// The live dashboard: applies the server's pushed updates (server-sent events on /events) to the page.
// Each update carries the whole small state plus only the convergence samples and darts not sent before.
(function () {
  'use strict';

  const PI = Math.PI;
  const INSIDE = '#1f77b4';
  const OUTSIDE = '#ff7f0e';
  const samples = { points: [], pi: [], low: [], high: [], truePi: [] };
  const byId = (id) => document.getElementById(id);
  let finished = false;
  let chart = null;
  let chartHalfWidth = 0.5;

  function grouped(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  function rate(perSecond) {
    const units = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    for (const [size, unit] of units) {
      if (perSecond >= size) {
        return (perSecond / size).toPrecision(3) + ' ' + unit;
      }
    }
    return perSecond.toFixed(0);
  }

  function clock(seconds) {
    const whole = Math.round(seconds);
    const h = Math.floor(whole / 3600);
    const m = Math.floor(whole / 60) % 60;
    const s = String(whole % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
  }

  // The server says how tall the y axis is, by the same rule as the plot file: every band from 10^4
  // points on fits; earlier, wider bands run off it, as a funnel does.
  function yRange() {
    return [PI - chartHalfWidth, PI + chartHalfWidth];
  }

  // Enough decimals that neighbouring ticks differ: the band may be a few millionths wide.
  function yTicks(u, splits) {
    const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : 1;
    const decimals = Math.min(12, Math.max(2, Math.ceil(-Math.log10(step))));
    return splits.map((value) => value.toFixed(decimals));
  }

  function xTicks(u, splits) {
    return splits.map((value) => value == null ? '' : rate(value));
  }

  function makeChart() {
    const element = byId('chart');
    const width = 640;
    const line = (label, stroke, extra) => Object.assign({ label, stroke, points: { show: false } }, extra);
    chart = new uPlot({
      width: width,
      height: 380,
      legend: { show: false },
      scales: { x: { time: false, distr: 3, log: 10 }, y: { range: () => yRange() } },
      axes: [{ label: 'points counted', values: xTicks }, { label: 'estimate of π', size: 80, values: yTicks }],
      series: [
        { label: 'points' },
        // uPlot's default points: shown while there are few samples, so a first sample is not invisible.
        { label: 'estimate', stroke: INSIDE, width: 1.5 },
        line('95% low', 'rgba(31,119,180,0.3)'),
        line('95% high', 'rgba(31,119,180,0.3)'),
        line('π', '#555', { dash: [6, 4] }),
      ],
      bands: [{ series: [3, 2], fill: 'rgba(31,119,180,0.18)' }],
    }, [[], [], [], [], []], element);
  }

  function addSamples(newSamples, total) {
    for (const [points, pi, low, high] of newSamples) {
      samples.points.push(points);
      samples.pi.push(pi);
      samples.low.push(low);
      samples.high.push(high);
      samples.truePi.push(PI);
    }
    if (newSamples.length > 0) {
      chart.setData([samples.points, samples.pi, samples.low, samples.high, samples.truePi]);
    }
    byId('chart').dataset.samples = String(total);
  }

  function dartsContext() {
    const canvas = byId('darts');
    return { canvas: canvas, g: canvas.getContext('2d'), size: canvas.width };
  }

  function drawBoard() {
    const { g, size } = dartsContext();
    g.fillStyle = '#fff';
    g.fillRect(0, 0, size, size);
    g.strokeStyle = '#333';
    g.lineWidth = 1.5;
    g.beginPath();
    // The quarter circle of radius 1 centred on the bottom-left corner (y grows upwards on paper).
    g.arc(0, size, size, -Math.PI / 2, 0);
    g.stroke();
  }

  function addDarts(newDarts, total) {
    const { canvas, g, size } = dartsContext();
    for (const [x, y, inside] of newDarts) {
      g.fillStyle = inside ? INSIDE : OUTSIDE;
      g.beginPath();
      g.arc(x * size, size - y * size, 1.6, 0, 2 * Math.PI);
      g.fill();
    }
    canvas.dataset.darts = String(total);
  }

  function showWorkers(workers) {
    const body = byId('nodes').querySelector('tbody');
    body.replaceChildren(...workers.map((worker) => {
      const row = document.createElement('tr');
      row.className = worker.state;
      row.dataset.name = worker.name;
      for (const text of [worker.name, worker.address, worker.cpus, grouped(worker.jobs),
        rate(worker.pointsPerSecond), worker.state]) {
        const cell = document.createElement('td');
        cell.textContent = String(text);
        row.appendChild(cell);
      }
      return row;
    }));
  }

  function apply(update) {
    const status = byId('status');
    status.textContent = update.status;
    status.className = 'status ' + update.status;
    finished = ['complete', 'stopped', 'failed'].includes(update.status);
    if (update.plan) {
      const plan = update.plan;
      byId('plan').textContent = grouped(plan.jobs) + ' jobs × ' + grouped(plan.pointsPerJob) + ' points = '
        + grouped(plan.totalPoints) + ' points · seed ' + plan.seed + ' · ' + plan.farm + ' · window '
        + plan.window + ' · kernel ' + plan.kernel;
    }
    if (update.progress) {
      const progress = update.progress;
      byId('progress-fill').style.width = (100 * progress.fraction).toFixed(2) + '%';
      byId('jobs-done').textContent = grouped(progress.jobsDone);
      byId('jobs-total').textContent = grouped(progress.jobs);
      byId('points-per-second').textContent = rate(progress.pointsPerSecond);
      byId('elapsed').textContent = clock(progress.elapsedSeconds);
      byId('eta').textContent = progress.secondsLeft == null ? (finished ? 'done' : '')
        : clock(progress.secondsLeft) + ' left';
      byId('counts').textContent = grouped(progress.inside) + ' inside of ' + grouped(progress.points) + ' points';
    }
    byId('retried').textContent = grouped(update.retriedJobs);
    if (update.estimate) {
      const estimate = update.estimate;
      const decimals = Math.min(16, estimate.meaningfulDecimals + 1);
      byId('estimate').textContent = 'π ≈ ' + estimate.pi.toFixed(decimals) + ' ± '
        + estimate.standardError.toPrecision(2);
      byId('interval').textContent = '95% confidence interval ' + estimate.ciLow.toFixed(decimals) + ' … '
        + estimate.ciHigh.toFixed(decimals) + ' · meaningful digits ' + estimate.meaningfulValue;
    }
    showWorkers(update.workers);
    chartHalfWidth = update.chartHalfWidth;
    addSamples(update.newSamples, update.samples);
    addDarts(update.newDarts, update.darts);
  }

  function connect() {
    const events = new EventSource('events');
    events.onopen = () => {
      // A new connection starts from nothing: the server sends every sample and dart again.
      byId('connection').textContent = '';
      for (const series of Object.values(samples)) {
        series.length = 0;
      }
      drawBoard();
    };
    events.onmessage = (message) => apply(JSON.parse(message.data));
    events.onerror = () => {
      if (finished) {
        // The run is over and the client has stopped serving: keep what is on the page.
        events.close();
        byId('connection').textContent = 'the run is over; the dashboard has stopped';
      } else {
        byId('connection').textContent = 'connection lost; retrying…';
      }
    };
  }

  makeChart();
  drawBoard();
  connect();
})();
