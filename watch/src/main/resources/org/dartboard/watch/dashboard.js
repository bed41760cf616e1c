// The live dashboard: applies the server's pushed updates (server-sent events on /events) to the page.
// Each update carries the whole small state plus only the convergence samples and darts not sent before;
// the page itself comes with the whole state in it, so that it shows the run before the stream's first update.
(function () {
  'use strict';

  const PI = Math.PI;
  const INSIDE = '#1f77b4';
  const OUTSIDE = '#ff7f0e';
  const YARDSTICK = '#7f7f7f';
  const ACTUAL_ERROR = '#d62728';
  // Per sample: the estimate chart's line and band, and the error chart's standard errors (the run's own,
  // null where it has none; random darts' at as many points) and actual error |estimate − π|.
  const samples = { points: [], pi: [], low: [], high: [], se: [], randomSe: [], actual: [] };
  const byId = (id) => document.getElementById(id);
  let finished = false;
  let chart = null;
  let chartHalfWidth = 0.5;
  // Made once the plan says which darts run: random darts have no yardstick apart from their own line.
  let errorChart = null;
  let lattice = false;
  let errorAxis = [1e-6, 1];
  // Both charts' axis of points counted, from the server: up to the run's total, not the next power of ten.
  let pointsAxis = [1e4, 1e8];
  // The darts' dots have this radius, and the unit square lies this far inside the canvas on every side, so
  // that a dart at an edge is drawn whole, inside the frame.
  const DOT = 1.6;
  const MARGIN = DOT + 1;

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
    // Less a hair, so that a step of 0.0001 (a little over it in binary) takes 4 decimals, not 5.
    const decimals = Math.min(12, Math.max(2, Math.ceil(-Math.log10(step) - 1e-9)));
    return splits.map((value) => value.toFixed(decimals));
  }

  // Points counted, as few digits as they need: 100 M, 1 G, 40 G.
  function pointsLabel(value) {
    const units = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    for (const [size, unit] of units) {
      if (value >= size) {
        return Number((value / size).toPrecision(3)) + ' ' + unit;
      }
    }
    return String(Number(value.toPrecision(3)));
  }

  // A logarithmic points axis ruled at 1 to 9 times each power of ten: uPlot's own rules start at the axis's
  // lowest value (101 M, 201 M, …) when that is not a power of ten.
  function pointsSplits(u, axis, min, max) {
    const splits = [];
    for (let power = Math.floor(Math.log10(min)); Math.pow(10, power) <= max; power++) {
      for (let multiple = 1; multiple <= 9; multiple++) {
        const value = multiple * Math.pow(10, power);
        if (value >= min && value <= max) {
          splits.push(value);
        }
      }
    }
    return splits;
  }

  // Labelled at the powers of ten, and at 2 and 5 times them on an axis short enough to leave them room
  // (a run of a few decades would otherwise have one label or two).
  function xTicks(u, splits) {
    const decades = Math.log10(u.scales.x.max / u.scales.x.min);
    const labelled = decades < 2.5 ? [1, 2, 5] : [1];
    return splits.map((value) => {
      if (value == null) {
        return '';
      }
      const multiple = Math.round(value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9)));
      return labelled.includes(multiple) ? pointsLabel(value) : '';
    });
  }

  // Every rule of the points axis is kept; xTicks says which are labelled (uPlot's own choice, made for
  // axes that start at a power of ten, kept the powers of ten only).
  const everySplit = (u, splits) => splits;

  const SUPERSCRIPTS = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷',
    '8': '⁸', '9': '⁹' };

  // A logarithmic axis of errors is labelled at its powers of ten only: 10⁻⁴, 10⁻³, …
  function powerTicks(u, splits) {
    return splits.map((value) => {
      if (value == null || value <= 0) {
        return '';
      }
      const exponent = Math.round(Math.log10(value));
      if (Math.abs(value / Math.pow(10, exponent) - 1) > 1e-6) {
        return '';
      }
      return '10' + String(exponent).split('').map((c) => SUPERSCRIPTS[c]).join('');
    });
  }

  // Each chart says on its element where its axes run, as uPlot set them (data-x-range="lowest,highest"):
  // what the tests, and any reader of the page, can check without reading pixels.
  const scaleHooks = (element) => ({
    setScale: [(u, key) => {
      element.dataset[key + 'Range'] = u.scales[key].min + ',' + u.scales[key].max;
    }],
  });

  function makeChart() {
    const element = byId('chart');
    const width = 640;
    const line = (label, stroke, extra) => Object.assign({ label, stroke, points: { show: false } }, extra);
    chart = new uPlot({
      width: width,
      height: 380,
      legend: { show: false },
      hooks: scaleHooks(element),
      scales: { x: { time: false, distr: 3, log: 10, range: () => pointsAxis }, y: { range: () => yRange() } },
      axes: [{ label: 'points counted', splits: pointsSplits, filter: everySplit, values: xTicks }, { label: 'estimate of π', size: 80, values: yTicks }],
      series: [
        { label: 'points' },
        // uPlot's default points: shown while there are few samples, so a first sample is not invisible.
        { label: 'estimate', stroke: INSIDE, width: 1.5 },
        line('95% low', 'rgba(31,119,180,0.3)'),
        line('95% high', 'rgba(31,119,180,0.3)'),
        line('π', '#555', { dash: [6, 4] }),
      ],
      bands: [{ series: [3, 2], fill: 'rgba(31,119,180,0.18)' }],
    }, estimateData(), element);
  }

  // The samples between the ends of the points axis, where only the dashed line of π is drawn: an empty
  // chart has its axes and π, and π runs across the whole chart.
  function withAxisEnds(values) {
    return [null, ...values, null];
  }

  function xWithAxisEnds() {
    return [pointsAxis[0], ...samples.points, pointsAxis[1]];
  }

  function estimateData() {
    const x = xWithAxisEnds();
    return [x, withAxisEnds(samples.pi), withAxisEnds(samples.low), withAxisEnds(samples.high), x.map(() => PI)];
  }

  // The error against the points, both axes logarithmic: the run's standard error, for lattice darts the
  // random darts' standard error at as many points (the yardstick, n^-1/2), and the actual error as dots.
  function makeErrorChart(plan) {
    lattice = plan.darts === 'lattice';
    const element = byId('errors');
    element.dataset.darts = plan.darts;
    const series = [
      { label: 'points' },
      { label: lattice ? 'lattice darts\' standard error (spread of the ' + plan.replicas + ' replicas)'
        : 'random darts\' standard error (n^-1/2)', stroke: INSIDE, width: 2, points: { show: false } },
    ];
    if (lattice) {
      series.push({ label: 'random darts\' standard error at as many points (n^-1/2)', stroke: YARDSTICK,
        width: 1.5, dash: [6, 4], points: { show: false } });
    }
    series.push({ label: 'actual error |estimate − π|', stroke: ACTUAL_ERROR, width: 1, paths: () => null,
      points: { show: true, size: 4, width: 1, fill: ACTUAL_ERROR } });
    errorChart = new uPlot({
      width: 640,
      height: 380,
      legend: { live: false },
      hooks: scaleHooks(element),
      scales: { x: { time: false, distr: 3, log: 10, range: () => pointsAxis },
        y: { distr: 3, log: 10, range: () => errorAxis } },
      axes: [{ label: 'points counted', splits: pointsSplits, filter: everySplit, values: xTicks }, { label: 'error', size: 60, values: powerTicks }],
      series: series,
    }, errorData(), element);
    byId('chart-caption').textContent = lattice
      ? 'Estimate against points counted (' + plan.dartsLabel + '), with its 95% confidence band from the'
        + ' replicas\' spread (Student\'s t); dashed line: π'
      : 'Estimate against points counted (random darts), with its 95% confidence band (it narrows as 1/√n);'
        + ' dashed line: π';
    byId('errors-caption').textContent = lattice
      ? 'Error against points counted, both axes logarithmic: the lattice darts\' standard error from the'
        + ' spread of their ' + plan.replicas + ' replicas, below random darts\' standard error at as many points'
        + ' (dashed, n^-1/2), and the actual error |estimate − π| (dots)'
      : 'Error against points counted, both axes logarithmic: the random darts\' standard error (n^-1/2)'
        + ' and the actual error |estimate − π| (dots)';
  }

  function errorData() {
    const lines = lattice ? [samples.se, samples.randomSe, samples.actual] : [samples.se, samples.actual];
    return [xWithAxisEnds(), ...lines.map(withAxisEnds)];
  }

  // New samples, or new axes (the plan's, before the first sample), are drawn at once.
  function addSamples(newSamples, total, axesChanged) {
    for (const [points, pi, low, high, se, randomSe, actual] of newSamples) {
      samples.points.push(points);
      samples.pi.push(pi);
      samples.low.push(low);
      samples.high.push(high);
      samples.se.push(se);
      samples.randomSe.push(randomSe);
      samples.actual.push(actual);
    }
    if (newSamples.length > 0 || axesChanged) {
      chart.setData(estimateData());
      if (errorChart) {
        errorChart.setData(errorData());
      }
    }
    byId('chart').dataset.samples = String(total);
    byId('errors').dataset.samples = String(errorChart ? total : 0);
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
    // The quarter circle of radius 1 centred on the square's bottom-left corner (y grows upwards on paper).
    g.arc(MARGIN, size - MARGIN, size - 2 * MARGIN, -Math.PI / 2, 0);
    g.stroke();
  }

  function addDarts(newDarts, total) {
    const { canvas, g, size } = dartsContext();
    const side = size - 2 * MARGIN;
    for (const [x, y, inside] of newDarts) {
      g.fillStyle = inside ? INSIDE : OUTSIDE;
      g.beginPath();
      g.arc(MARGIN + x * side, size - MARGIN - y * side, DOT, 0, 2 * Math.PI);
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
      // Where and how it runs is known once it has started.
      byId('plan').textContent = grouped(plan.jobs) + ' jobs × ' + grouped(plan.pointsPerJob) + ' points = '
        + grouped(plan.totalPoints) + ' points · ' + plan.dartsLabel + ' · seed ' + plan.seed
        + (plan.farm == null ? '' : ' · ' + plan.farm + ' · window ' + plan.window + ' · kernel ' + plan.kernel);
      if (!errorChart) {
        makeErrorChart(plan);
      }
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
      // Nothing to say before the first job: not "0 inside of 0 points".
      byId('counts').textContent = progress.points === '0' ? ''
        : grouped(progress.inside) + ' inside of ' + grouped(progress.points) + ' points';
    }
    byId('retried').textContent = grouped(update.retriedJobs);
    if (update.estimate) {
      const estimate = update.estimate;
      const decimals = Math.min(16, estimate.meaningfulDecimals + 1);
      byId('estimate').textContent = 'π ≈ ' + estimate.pi.toFixed(decimals) + ' ± '
        + estimate.standardError.toPrecision(2);
      byId('interval').textContent = '95% confidence interval ' + estimate.ciLow.toFixed(decimals) + ' … '
        + estimate.ciHigh.toFixed(decimals) + ' · meaningful digits ' + estimate.meaningfulValue
        + (estimate.errorBar === 'replicas' ? ' · standard error from the replicas\' spread' : '');
    }
    showWorkers(update.workers);
    const axes = JSON.stringify([update.chartHalfWidth, update.errorAxis, update.pointsAxis]);
    const axesChanged = axes !== JSON.stringify([chartHalfWidth, errorAxis, pointsAxis]);
    chartHalfWidth = update.chartHalfWidth;
    errorAxis = update.errorAxis;
    pointsAxis = update.pointsAxis;
    addSamples(update.newSamples, update.samples, axesChanged);
    addDarts(update.newDarts, update.darts);
  }

  function connect() {
    const events = new EventSource('events');
    let fresh = false;
    events.onopen = () => {
      byId('connection').textContent = '';
      fresh = true;
    };
    events.onmessage = (message) => {
      const update = JSON.parse(message.data);
      if (fresh) {
        // A new connection starts from nothing: the server sends every sample and dart again. They replace
        // what the page has in the same moment, so it is never seen blank.
        fresh = false;
        for (const series of Object.values(samples)) {
          series.length = 0;
        }
        drawBoard();
      }
      apply(update);
    };
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
  const served = JSON.parse(byId('state').textContent);
  if (served) {
    apply(served);
  }
  connect();
})();
