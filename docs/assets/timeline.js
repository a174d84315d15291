/* Timeline filters: narrow the timeline by actor and by kind.
 *
 * Progressive enhancement: without JavaScript the whole timeline shows and the
 * filter form stays hidden. With it, the form appears, the choice is kept in
 * the address (?actor=…&kind=…) so a filtered view can be shared and survives
 * a reload, and a status line announces how many entries are shown.
 *
 * Material's instant navigation swaps pages without reloading this script, so
 * the set-up runs on every page Material shows (document$), not once. The
 * script also keeps keyboard focus at the target of in-page links, on every
 * page (see focusTarget).
 */
(function () {
  "use strict";

  var FILTERS = ["actor", "kind"];
  var current = null; // the controller of the timeline on the page, if any

  function Timeline(root) {
    var form = root.querySelector("[data-timeline-filters]");
    var status = form.querySelector("[data-filter-status]");
    var selects = {};
    FILTERS.forEach(function (name) {
      selects[name] = form.querySelector('[data-filter="' + name + '"]');
    });
    var entries = Array.prototype.slice.call(root.querySelectorAll("li.timeline-entry"));
    var days = Array.prototype.slice.call(root.querySelectorAll("section[data-day]"));
    var marks = Array.prototype.slice.call(document.querySelectorAll(".timeline-chart [data-entry]"));

    function known(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    function readUrl() {
      var query = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (name) {
        var value = query.get(name) || "";
        selects[name].value = known(selects[name], value) ? value : "";
      });
    }

    function writeUrl() {
      var url = new URL(window.location.href);
      FILTERS.forEach(function (name) {
        if (selects[name].value) url.searchParams.set(name, selects[name].value);
        else url.searchParams.delete(name);
      });
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
    }

    function apply() {
      var actor = selects.actor.value;
      var kind = selects.kind.value;
      var shown = 0;
      var hiddenIds = {};
      entries.forEach(function (li) {
        var actors = (li.getAttribute("data-actors") || "").split(/\s+/);
        var match = (!actor || actors.indexOf(actor) !== -1) && (!kind || li.getAttribute("data-kind") === kind);
        li.hidden = !match;
        if (match) shown += 1;
        else hiddenIds[li.id.replace(/^t-/, "")] = true;
      });
      days.forEach(function (day) {
        day.hidden = !day.querySelector("li.timeline-entry:not([hidden])");
      });
      marks.forEach(function (mark) {
        mark.classList.toggle("is-filtered-out", !!hiddenIds[mark.getAttribute("data-entry")]);
      });
      var total = entries.length;
      if (!actor && !kind) {
        status.textContent = "Showing all " + total + " entries";
      } else if (shown === 0) {
        status.textContent = "Showing 0 of " + total + " entries: none match both filters. Choose “Show all” to see every entry.";
      } else {
        status.textContent = "Showing " + shown + " of " + total + " entries";
      }
    }

    function clear() {
      FILTERS.forEach(function (name) { selects[name].value = ""; });
      apply();
      writeUrl();
    }

    // A link to an entry (or to a citation inside one) that is filtered out:
    // show everything again so the reader lands on what they asked for.
    function reveal(hash) {
      if (!hash || hash.length < 2) return false;
      var target = document.getElementById(decodeURIComponent(hash.slice(1)));
      if (!target || !root.contains(target) || !target.closest("[hidden]")) return false;
      clear();
      return true;
    }

    form.addEventListener("change", function () {
      apply();
      writeUrl();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault(); // reset by hand, so the entries and the address follow
      clear();
    });

    readUrl();
    apply();
    form.hidden = false;
    if (reveal(window.location.hash)) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }

    return { root: root, reveal: reveal };
  }

  // Keyboard focus follows in-page links. After following one, Material may
  // fetch the page again and swap its content; the browser then loses its
  // place, and the next Tab jumps back to the top of the page. Focusing the
  // link's target puts the place back where the reader went (a citation's
  // reference, a back-link's citation, an entry from the chart).
  function focusTarget() {
    var hash = window.location.hash;
    if (hash.length < 2 || (document.activeElement && document.activeElement !== document.body)) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target || target.closest("[hidden]")) return;
    if (!target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
      target.addEventListener("blur", function () { target.removeAttribute("tabindex"); }, { once: true });
    }
    target.focus({ preventScroll: true });
  }

  function setup() {
    focusTarget();
    current = null;
    var root = document.querySelector("[data-timeline]");
    if (root && root.querySelector("[data-timeline-filters]")) current = Timeline(root);
  }

  document.addEventListener("click", function (event) {
    if (!current || event.defaultPrevented) return;
    var link = event.target.closest && event.target.closest("a");
    // An SVG link's .href is an object, and the chart's links use xlink:href.
    var href = link && (typeof link.href === "string" ? link.href : link.href && link.href.baseVal);
    if (!href) return;
    var url = new URL(href, window.location.href);
    if (url.pathname === window.location.pathname && url.hash) current.reveal(url.hash);
  }, true);
  window.addEventListener("hashchange", function () {
    if (current && current.reveal(window.location.hash)) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
    focusTarget();
  });

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
