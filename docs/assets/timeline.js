/* Timeline filters: narrow the timeline by actor and by kind.
 *
 * Progressive enhancement: without JavaScript the whole timeline shows and the
 * filter form stays hidden. With it, the form appears, the choice is kept in
 * the address (?actor=…&kind=…) so a filtered view can be shared and survives
 * a reload, and a status line announces how many entries are shown.
 *
 * A timeline split across pages (macros/pages/parts.py) filters the page shown;
 * the links to the other parts carry the same choice, and an actor chosen on
 * another part who has no entry here is kept in the address, with a note.
 *
 * Material's instant navigation swaps pages without reloading this script, so
 * the set-up runs on every page Material shows (document$), not once. The
 * script also keeps keyboard focus at the target of in-page links, on every
 * page (see focusTarget).
 *
 * Every word it writes comes from the page, in the site's language: the form's
 * data-status-* attributes, with {shown} for the number of entries shown.
 */
(function () {
  "use strict";

  var FILTERS = ["actor", "kind"];
  var current = null; // the controller of the timeline on the page, if any

  // The element an address's #fragment names, or null. A malformed fragment (#%E0%A4%A, a
  // truncated link) makes decodeURIComponent throw; it names nothing, so it is ignored.
  function hashTarget(hash) {
    if (!hash || hash.length < 2) return null;
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch (e) {
      return null;
    }
  }

  function Timeline(root) {
    var form = root.querySelector("[data-timeline-filters]");
    var status = form.querySelector("[data-filter-status]");
    var selects = {};
    FILTERS.forEach(function (name) {
      selects[name] = form.querySelector('[data-filter="' + name + '"]');
    });
    // Read every entry and mark once; a change then only writes what differs.
    function words(el, name) { return (el.getAttribute(name) || "").split(/\s+/).filter(Boolean); }
    var days = Array.prototype.map.call(root.querySelectorAll("section[data-day]"), function (section) {
      return {
        el: section,
        entries: Array.prototype.map.call(section.querySelectorAll("li.timeline-entry"), function (li) {
          return { el: li, actors: words(li, "data-actors"), kind: li.getAttribute("data-kind") };
        }),
      };
    });
    var total = days.reduce(function (n, day) { return n + day.entries.length; }, 0);
    var marks = Array.prototype.map.call(document.querySelectorAll(".timeline-chart .chart-mark"), function (el) {
      var statement = el.hasAttribute("data-actor");
      return { el: el, actors: statement ? [el.getAttribute("data-actor")] : words(el, "data-actors"),
               kind: statement ? null : el.getAttribute("data-kind"), dim: false };
    });
    var lanes = Array.prototype.slice.call(document.querySelectorAll(".timeline-chart [data-lane]"));
    var said = statusWords(form, total);
    var partLinks = Array.prototype.map.call(document.querySelectorAll("a[data-part-link]"), function (a) {
      return { el: a, base: a.getAttribute("href") };
    });
    var partsNote = form.querySelector("[data-filter-parts-note]");
    var elsewhere = form.querySelector("[data-filter-elsewhere]");
    var away = { actor: "", kind: "" }; // chosen on another part, with no option on this one

    function matches(item, actor, kind) {
      return (!actor || item.actors.indexOf(actor) !== -1) && (!kind || item.kind === kind);
    }

    function known(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    function readUrl() {
      var query = new URLSearchParams(window.location.search);
      FILTERS.forEach(function (name) {
        var value = query.get(name) || "";
        var here = known(selects[name], value);
        selects[name].value = here ? value : "";
        away[name] = !here && partLinks.length ? value : "";
      });
    }

    function chosen(name) { return selects[name].value || away[name]; }

    // The links to the other parts keep the reader's filters.
    function carry() {
      var query = new URLSearchParams();
      FILTERS.forEach(function (name) { if (chosen(name)) query.set(name, chosen(name)); });
      var tail = query.toString() ? "?" + query.toString() : "";
      partLinks.forEach(function (link) {
        var href = link.base.split("?")[0] + tail;
        if (link.el.getAttribute("href") !== href) link.el.setAttribute("href", href);
      });
    }

    // Called before apply() changes the page: replaceState records the scroll
    // position, which on a page whose layout is dirty forces a full layout
    // (about 400 ms at a hundred times the sample's size).
    function writeUrl() {
      var url = new URL(window.location.href);
      FILTERS.forEach(function (name) {
        if (chosen(name)) url.searchParams.set(name, chosen(name));
        else url.searchParams.delete(name);
      });
      if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
    }

    function apply() {
      var actor = chosen("actor");
      var kind = chosen("kind");
      var shown = 0;
      days.forEach(function (day) {
        var any = false;
        day.entries.forEach(function (entry) {
          var match = matches(entry, actor, kind);
          if (entry.el.hidden === match) entry.el.hidden = !match;
          if (match) { shown += 1; any = true; }
        });
        if (day.el.hidden === any) day.el.hidden = !any;
      });
      // Marks: an entry's dims when the list hides it; a statement's when its
      // speaker is not the chosen actor, or when a kind (of entry) is chosen.
      marks.forEach(function (mark) {
        var dim = mark.kind === null ? (!!kind || (!!actor && mark.actors[0] !== actor)) : !matches(mark, actor, kind);
        if (dim !== mark.dim) {
          mark.dim = dim;
          mark.el.classList.toggle("is-filtered-out", dim);
        }
      });
      lanes.forEach(function (lane) {
        lane.classList.toggle("is-selected", !!actor && lane.getAttribute("data-lane") === actor);
      });
      var text = said(!actor && !kind ? "all" : shown === 0 ? "none" : "some", shown);
      if (status.textContent !== text) status.textContent = text;
      if (partsNote) partsNote.hidden = !(actor || kind);
      if (elsewhere) elsewhere.hidden = !(away.actor || away.kind);
      carry();
    }

    function clear() {
      FILTERS.forEach(function (name) { selects[name].value = ""; away[name] = ""; });
      writeUrl();
      apply();
    }

    // A link to an entry (or to a citation inside one) that is filtered out:
    // show everything again so the reader lands on what they asked for.
    function reveal(hash) {
      var target = hashTarget(hash);
      if (!target || !root.contains(target) || !target.closest("[hidden]")) return false;
      clear();
      return true;
    }

    form.addEventListener("change", function (event) {
      var name = event.target && event.target.getAttribute("data-filter");
      if (name) away[name] = ""; // the reader chose again on this page
      writeUrl();
      apply();
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
      var target = hashTarget(window.location.hash);
      if (target) target.scrollIntoView();
    }

    return { root: root, reveal: reveal };
  }

  // The status line's words, from the form's data-status-* attributes; the counts are
  // written as the page's language writes numbers (Latin digits, as the page's own).
  function statusWords(form, total) {
    var digits = null;
    function number(n) {
      // Below 1000 no language groups digits, so the formatter (some ms to make, at load) is made only for more.
      if (n < 1000) return String(n);
      digits = digits || new Intl.NumberFormat(document.documentElement.lang || undefined, { numberingSystem: "latn" });
      return digits.format(n);
    }
    return function (which, shown) {
      return (form.getAttribute("data-status-" + which) || "")
        .replace("{shown}", number(shown)).replace("{total}", number(total));
    };
  }

  // The chart scrolls sideways when it does not fit: say so, at any width,
  // and fade the edge while more lies at the end (the left, in a right-to-left
  // language, where scrollLeft counts down from 0).
  function watchChart(figure) {
    var frame = figure.querySelector("[data-chart-frame]");
    var scroller = frame && frame.querySelector(".chart-scroll");
    var hint = figure.querySelector("[data-chart-hint]");
    if (!scroller || !hint) return;
    var queued = false;
    function update() {
      queued = false;
      var overflow = scroller.scrollWidth - scroller.clientWidth > 1;
      hint.hidden = !overflow;
      frame.toggleAttribute("data-more-end", overflow && Math.abs(scroller.scrollLeft) + scroller.clientWidth < scroller.scrollWidth - 1);
    }
    function queue() {
      if (!queued) { queued = true; window.requestAnimationFrame(update); }
    }
    scroller.addEventListener("scroll", queue, { passive: true });
    if (window.ResizeObserver) new ResizeObserver(queue).observe(scroller);
    figure.addEventListener("change", queue); // the statements toggle changes the width
    queue();
  }

  // Keyboard focus follows in-page links. After following one, Material may
  // fetch the page again and swap its content; the browser then loses its
  // place, and the next Tab jumps back to the top of the page. Focusing the
  // link's target puts the place back where the reader went (a citation's
  // reference, a back-link's citation, an entry from the chart).
  function focusTarget() {
    var hash = window.location.hash;
    if (hash.length < 2 || (document.activeElement && document.activeElement !== document.body)) return;
    var target = hashTarget(hash);
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
    Array.prototype.forEach.call(document.querySelectorAll("[data-chart]"), watchChart);
    var root = document.querySelector("[data-timeline]");
    if (root && root.querySelector("[data-timeline-filters]")) current = Timeline(root);
  }

  document.addEventListener("click", function (event) {
    if (!current || event.defaultPrevented) return;
    var link = event.target.closest && event.target.closest("a");
    var href = link && typeof link.href === "string" && link.href;
    if (!href) return;
    var url = new URL(href, window.location.href);
    if (url.pathname === window.location.pathname && url.hash) current.reveal(url.hash);
  }, true);
  window.addEventListener("hashchange", function () {
    if (current && current.reveal(window.location.hash)) {
      var target = hashTarget(window.location.hash);
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
