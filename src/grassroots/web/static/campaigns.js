/* The campaign page's lift chart: each arm and outcome's lift with its interval, drawn with plotly
   from /brands/{brand}/campaigns/{campaign}/lift.json (the element's data-lift-url). No inline
   script: the page carries the data-* attribute and this file acts on it. */
(function () {
  "use strict";

  function draw(el) {
    if (typeof window.Plotly === "undefined") { return; }
    fetch(el.getAttribute("data-lift-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var rows = data.rows || [];
        var labels = rows.map(function (r) { return r.arm + ": " + r.outcome.replace("_", " "); });
        var trace = {
          type: "scatter", mode: "markers", orientation: "h", name: "lift",
          x: rows.map(function (r) { return r.lift; }), y: labels,
          marker: { color: "#1a7f37", size: 9 },
          error_x: {
            type: "data", symmetric: false, color: "#1a7f37",
            array: rows.map(function (r) { return r.high - r.lift; }),
            arrayminus: rows.map(function (r) { return r.lift - r.low; }),
          },
          hovertemplate: "%{y}: %{x:.3f}<extra></extra>",
        };
        var level = data.confidence ? Math.round(100 * data.confidence) + "%" : "";
        var layout = {
          title: { text: "Lift over the holdout with its " + level + " interval" },
          margin: { t: 40, r: 10, b: 40, l: 160 }, height: 80 + 36 * Math.max(rows.length, 1),
          xaxis: { title: { text: "difference in means (each outcome in its own unit)" }, zeroline: true },
          yaxis: { automargin: true, autorange: "reversed" },
          showlegend: false,
        };
        window.Plotly.newPlot(el, [trace], layout, { displaylogo: false, responsive: true })
          .then(function () { el.setAttribute("data-drawn", "true"); });
      });
  }

  function start() {
    document.querySelectorAll("[data-lift-url]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
