/* The assistant's staff screens: SLA timers on the hand-over queue count down (every 30 s, from each
   item's data-due), and the feedback chart is drawn with plotly from feedback.json. No inline script. */
(function () {
  "use strict";

  function span(seconds) {
    var minutes = Math.floor(Math.abs(seconds) / 60);
    var days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60), mins = minutes % 60;
    if (days) { return days + " d " + hours + " h"; }
    var mm = (mins < 10 ? "0" : "") + mins;
    return hours ? hours + " h " + mm + " min" : mins + " min";
  }

  function tick() {
    document.querySelectorAll(".sla[data-due]").forEach(function (el) {
      var state = el.getAttribute("data-state");
      if (state === "answered") { return; }
      var left = (Date.parse(el.getAttribute("data-due")) - Date.now()) / 1000;
      var next = left < 0 ? "overdue" : (left < 3600 ? "soon" : "ok");
      el.textContent = left < 0 ? "overdue by " + span(left) : span(left) + " left";
      if (next !== state) {
        el.classList.remove("sla-" + state);
        el.classList.add("sla-" + next);
        el.setAttribute("data-state", next);
      }
      el.setAttribute("data-ticked", "true");
    });
  }

  function drawFeedback() {
    var el = document.querySelector("[data-feedback-chart-url]");
    if (!el || typeof window.Plotly === "undefined") { return; }
    fetch(el.getAttribute("data-feedback-chart-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var colors = { positive: "#1a7f37", negative: "#cf222e" };
        var traces = data.series.map(function (s) {
          return { type: "bar", name: s.sentiment, x: data.weeks, y: s.messages, marker: { color: colors[s.sentiment] } };
        });
        var layout = {
          title: { text: "Feedback records per week" }, barmode: "group", height: 300,
          margin: { t: 40, r: 10, b: 40, l: 50 }, legend: { orientation: "h" },
          xaxis: { title: { text: "ISO week" }, type: "category" }, yaxis: { title: { text: "records" } },
        };
        window.Plotly.newPlot(el, traces, layout, { displaylogo: false, responsive: true })
          .then(function () { el.setAttribute("data-drawn", "true"); });
      });
  }

  function start() {
    tick();
    window.setInterval(tick, 30000);
    drawFeedback();
  }
  document.addEventListener("htmx:afterSettle", tick);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
