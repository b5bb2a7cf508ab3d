/* Draws the monitoring charts of a page: every element with data-vega-spec="<id>" names the
   <script type="application/json" id="<id>"> that holds its Vega-Lite spec (templates/monitoring/_chart.html).
   The chart is drawn into the element's .monitoring-chart__drawing (the element itself keeps role="img" and
   its aria-label; the note that the numbers are in the table goes once the chart is there). The libraries (vega, vega-lite, vega-embed and the CSP-compliant vega-interpreter, served by the app itself)
   are loaded once, the first time a page has a chart; the expressions are evaluated by the interpreter
   (ast: true), so the Content Security Policy needs no 'unsafe-eval', and no inline style or script is
   added (vega-embed's and vega-tooltip's own style sheets are off; chart.css styles the tooltip). Charts
   that htmx swaps in later are drawn too. Without JavaScript, or if drawing fails, the element keeps its
   note that the same numbers are in the table. */
(function () {
  "use strict";
  if (window.teilhabeCharts) {
    return;
  }
  var script = document.currentScript;
  var sources = script ? [script.dataset.vega, script.dataset.vegaLite, script.dataset.vegaEmbed,
    script.dataset.vegaInterpreter] : [];
  var GERMAN_NUMBERS = {decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0€"]};
  var GERMAN_TIME = {
    dateTime: "%A, der %e. %B %Y, %X", date: "%d.%m.%Y", time: "%H:%M:%S", periods: ["AM", "PM"],
    days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    shortDays: ["So", "Mo", "Di", "Mi", "Do", "Fr", "Sa"],
    months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
      "November", "Dezember"],
    shortMonths: ["Jan", "Feb", "Mrz", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"]
  };
  var loading = null;

  function load(src) {
    return new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = function () { reject(new Error("not loaded: " + src)); };
      document.head.appendChild(tag);
    });
  }

  function libraries() {
    if (!loading) {
      loading = sources.reduce(function (done, src) {
        return done.then(function () { return load(src); });
      }, Promise.resolve());
    }
    return loading;
  }

  function draw(element) {
    if (element.dataset.vegaState) {
      return;
    }
    var data = document.getElementById(element.dataset.vegaSpec);
    if (!data) {
      return;
    }
    element.dataset.vegaState = "loading";
    var spec = JSON.parse(data.textContent);
    libraries().then(function () {
      return window.vegaEmbed(element.querySelector(".monitoring-chart__drawing"), spec, {
        renderer: "svg", actions: false, ast: true, expr: window.vegaInterpreter.expressionInterpreter,
        defaultStyle: false, tooltip: {disableDefaultStyle: true}, formatLocale: GERMAN_NUMBERS,
        timeFormatLocale: GERMAN_TIME
      });
    }).then(function () {
      var note = element.querySelector(".monitoring-chart__fallback");
      if (note) {
        note.remove();
      }
      element.dataset.vegaState = "drawn";
    }, function (error) {
      element.dataset.vegaState = "failed";
      var note = element.querySelector(".monitoring-chart__fallback");
      if (note && element.dataset.failedText) {
        note.textContent = element.dataset.failedText;
      }
      console.warn("Diagramm nicht gezeichnet:", error);
    });
  }

  function scan(root) {
    var found = (root || document).querySelectorAll("[data-vega-spec]");
    for (var i = 0; i < found.length; i++) {
      draw(found[i]);
    }
  }

  window.teilhabeCharts = {scan: scan};
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { scan(document); });
  } else {
    scan(document);
  }
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
