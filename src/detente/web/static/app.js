// detente web UI: render the Vega-Lite specs found in [data-spec]; wire the timeline's date brush.
(function () {
  "use strict";
  // chart text at least 12 px (every chart: axes, legends, facet headers, marks' text)
  var T = { labelFontSize: 12, titleFontSize: 12 };
  var OPTS = { actions: false, renderer: "svg", config: { axis: T, legend: T, header: T, title: { fontSize: 13 },
    text: { fontSize: 12 } } };

  function day(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function withParams(path, set) {
    var p = new URLSearchParams(window.location.search);
    p.delete("offset");
    Object.keys(set).forEach(function (k) { p.set(k, set[k]); });
    return path + "?" + p.toString();
  }

  function brushing(view) {
    var bar = document.getElementById("brush-bar");
    if (!bar) return;
    view.addSignalListener("brush", function (_, value) {
      var key = value && Object.keys(value)[0];
      var range = key && value[key];
      if (!range || range.length !== 2) { bar.hidden = true; return; }
      var a = day(Math.min(range[0], range[1])), b = day(Math.max(range[0], range[1]));
      document.getElementById("brush-range").textContent = a + " to " + b;
      document.getElementById("brush-events").href = withParams("/events", { since: a, until: b });
      document.getElementById("brush-zoom").href = withParams("/", { since: a, until: b });
      bar.hidden = false;
    });
  }

  // a mark whose datum carries a same-site href (the map's places and countries) opens it when clicked
  function linking(view) {
    view.addEventListener("click", function (_, item) {
      var href = item && item.datum && item.datum.href;
      if (typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/") window.location.assign(href);
    });
  }

  function render(root) {
    (root || document).querySelectorAll("[data-spec]:not([data-rendered])").forEach(function (el) {
      el.setAttribute("data-rendered", "pending");
      var spec = JSON.parse(el.getAttribute("data-spec"));
      var label = el.getAttribute("aria-label");  // Vega replaces it with "Vega visualization": keep ours
      window.vegaEmbed(el, spec, OPTS).then(function (res) {
        if (label) el.setAttribute("aria-label", label);
        el.setAttribute("data-rendered", "yes");
        if (el.hasAttribute("data-brush")) brushing(res.view);
        if (el.hasAttribute("data-links")) linking(res.view);
      }).catch(function (err) {
        el.setAttribute("data-rendered", "error");
        el.textContent = "The chart could not be drawn: " + err;
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { render(document); });
  document.addEventListener("htmx:afterSwap", function (e) { render(e.target); });
})();
