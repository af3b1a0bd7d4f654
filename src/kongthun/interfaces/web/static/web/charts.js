/* Draws each <canvas data-chart="id"> from the JSON in <script id="id"> (Django's json_script), with
   Chart.js served from node_modules. The same numbers are in the table beside the canvas: without
   JavaScript the page still reads. Baht arrive as satang and are divided here, for drawing only. */
(function () {
  "use strict";
  var COLORS = ["#1d6fa5", "#2e8540", "#c05a00", "#7a4fa0", "#a83232", "#5f6b7a", "#b08900", "#0f7d7d"];

  function draw(canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source || canvas.dataset.drawn) return;
    var d = JSON.parse(source.textContent);
    var baht = d.unit === "baht";
    var values = d.values.map(function (v) { return baht ? v / 100 : v; });
    var many = d.kind === "doughnut";
    var lang = document.documentElement.lang || "th";
    var fmt = new Intl.NumberFormat(lang === "en" ? "en-US" : "th-TH",
      baht ? {minimumFractionDigits: 2, maximumFractionDigits: 2} : {maximumFractionDigits: 0});
    new window.Chart(canvas, {
      type: d.kind,
      data: {labels: d.labels, datasets: [{
        label: d.label, data: values, borderColor: many ? "#fff" : COLORS[0],
        backgroundColor: many ? COLORS.slice(0, values.length) : (d.kind === "line" ? "rgba(29,111,165,.15)" : COLORS[0]),
        fill: d.kind === "line", tension: 0.2
      }]},
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: {legend: {display: many, position: "bottom"},
                  tooltip: {callbacks: {label: function (c) { return " " + fmt.format(c.parsed.y !== undefined && !many ? c.parsed.y : c.parsed); }}}},
        scales: many ? {} : {y: {beginAtZero: true, ticks: {precision: baht ? 2 : 0, callback: function (v) { return fmt.format(v); }}}}
      }
    });
    canvas.dataset.drawn = "1";
  }

  function drawAll() {
    if (!window.Chart) return;
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
  document.addEventListener("htmx:afterSettle", drawAll);
})();
