/* Grassroots screens: charts, the explanation drawer, the CSRF header for htmx. No inline script
   anywhere: pages carry data-* attributes and this file acts on them. */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  // htmx sends the session's CSRF token with every request it makes (forms also carry the field).
  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token) { event.detail.headers["X-CSRF-Token"] = token; }
  });

  var COLORS = ["#1a7f37", "#8250df", "#bc4c00", "#0969da", "#bf3989", "#57606a"];

  function layout(title, yTitle) {
    return {
      title: { text: title },
      margin: { t: 40, r: 10, b: 40, l: 50 },
      height: 300,
      xaxis: { title: { text: "ISO week" } },
      yaxis: { title: { text: yTitle } },
      legend: { orientation: "h" },
    };
  }

  function traces(kind, data) {
    if (kind === "paid") {
      var own = data.series[0];
      return [
        { type: "bar", name: "organic", x: data.weeks, y: own.organic, marker: { color: COLORS[0] } },
        { type: "bar", name: "paid or gifted", x: data.weeks, y: own.paid, marker: { color: COLORS[2] } },
      ];
    }
    return data.series.map(function (s, i) {
      return {
        type: "scatter", mode: "lines+markers", name: s.subject, x: data.weeks, y: s[kind],
        line: { color: COLORS[i % COLORS.length] }, connectgaps: false,
      };
    });
  }

  var TITLES = {
    mentions: ["Mentions per week (share of voice)", "mentions"],
    net_sentiment: ["Net sentiment per week", "(positive − negative) / mentions"],
    paid: ["Organic vs paid mentions of the brand", "mentions"],
  };

  function drawCharts() {
    var charts = document.querySelectorAll("[data-chart-url]");
    if (!charts.length || typeof window.Plotly === "undefined") { return; }
    var url = charts[0].getAttribute("data-chart-url");
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        charts.forEach(function (el) {
          var kind = el.getAttribute("data-chart");
          var extra = kind === "paid" ? { barmode: "stack" } : {};
          var spec = Object.assign(layout(TITLES[kind][0], TITLES[kind][1]), extra);
          window.Plotly.newPlot(el, traces(kind, data), spec, { displaylogo: false, responsive: true })
            .then(function () { el.setAttribute("data-drawn", "true"); });
        });
      });
  }

  // The explanation drawer: htmx fills #drawer; show it, focus it, close it with the button or Esc.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "drawer") {
      target.classList.add("open");
      var section = target.querySelector("section");
      if (section) { section.focus(); }
    }
  });
  document.addEventListener("click", function (event) {
    var close = event.target.closest ? event.target.closest("[data-close-drawer]") : null;
    if (close) {
      var drawer = document.getElementById("drawer");
      drawer.classList.remove("open");
      drawer.innerHTML = "";
    }
  });
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("drawer");
    if (event.key === "Escape" && drawer && drawer.classList.contains("open")) {
      drawer.classList.remove("open");
      drawer.innerHTML = "";
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawCharts);
  } else {
    drawCharts();
  }
})();
