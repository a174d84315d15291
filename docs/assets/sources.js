/* Sources and citations, for readers.
 *
 * 1. Back-links return to the marker the reader came from. A reference cited
 *    more than once lists its uses as a, b, c (plain links, which work without
 *    JavaScript); after a reader follows a marker, its letter is highlighted and
 *    the ^ before the letters becomes a link back to that very marker.
 * 2. The sources page's filter: words and kind of outlet. The form is hidden in
 *    the HTML and shown here, so without JavaScript every source stays visible.
 *
 * Material's instant navigation swaps page content without reloading this
 * script, so set-up runs on every page it shows (document$), not once.
 *
 * Every word it writes comes from the page, in the site's language: the
 * reference list's data-return-label and the filter's data-status-* attributes.
 */
(function () {
  "use strict";

  // An address's #fragment as an id; "" for a malformed one (#%E0%A4%A), which names nothing.
  function fragmentId(hash) {
    try {
      return decodeURIComponent(hash.slice(1));
    } catch (e) {
      return "";
    }
  }

  var KEY = "explainer.lastCitation";
  var last = null; // {path, id} of the marker the reader followed last

  function remember(id) {
    last = { path: window.location.pathname, id: id };
    try { window.sessionStorage.setItem(KEY, JSON.stringify(last)); } catch (e) { /* storage off: memory only */ }
  }

  function recall() {
    if (last) return last;
    try { last = JSON.parse(window.sessionStorage.getItem(KEY) || "null"); } catch (e) { last = null; }
    return last;
  }

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  // Undo an earlier highlight, so only the reference the reader is at points back.
  function clearReturns() {
    each(document.querySelectorAll("a.backlink-return"), function (a) { a.remove(); });
    each(document.querySelectorAll(".backlink-caret[hidden]"), function (c) { c.hidden = false; });
    each(document.querySelectorAll("a.backlink.is-current"), function (a) { a.classList.remove("is-current"); });
  }

  function markReturn() {
    var from = recall();
    if (!from || from.path !== window.location.pathname) return;
    var marker = document.getElementById(from.id);
    // .hash, not the attribute: Material's instant navigation may rewrite links as absolute addresses.
    var target = marker && fragmentId(marker.hash);
    var box = target && document.getElementById(target);
    box = box && box.querySelector("[data-backlinks]");
    if (!box) return;
    clearReturns();
    var letter = null;
    each(box.querySelectorAll("a.backlink"), function (a) {
      if (a.hash === "#" + from.id) letter = a;
    });
    if (!letter) return;
    letter.classList.add("is-current");
    var caret = box.querySelector(".backlink-caret");
    if (!caret) return; // a single use: its ^ already leads back
    var back = document.createElement("a");
    back.className = "backlink backlink-return";
    back.href = "#" + from.id;
    back.textContent = "^";
    var list = box.closest("[data-return-label]");
    var label = list ? list.getAttribute("data-return-label") : "";
    if (label) back.setAttribute("aria-label", label.replace("{letter}", letter.textContent));
    caret.hidden = true;
    caret.parentNode.insertBefore(back, caret);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("sup.cite a[id]");
    if (link) {
      remember(link.id);
      markReturn();
    }
  }, true);
  window.addEventListener("hashchange", function () {
    if (filter) filter.reveal(window.location.hash);
    markReturn();
  });

  // ---------- the sources page's filter ----------

  function SourceFilter(root) {
    var form = root.querySelector("[data-sources-filter]");
    var text = form.querySelector('[data-filter="text"]');
    var outlet = form.querySelector('[data-filter="outlet"]');
    var status = form.querySelector("[data-filter-status]");
    var items = root.querySelectorAll("li.source");
    var groups = root.querySelectorAll("[data-source-group]");
    // Latin digits, as the page writes its own numbers (Babel's default for every language). Below 1000 no
    // language groups digits, so the formatter (some ms to make, at load) is made only for more.
    var digits = null;
    function number(n) {
      if (n < 1000) return String(n);
      digits = digits || new Intl.NumberFormat(document.documentElement.lang || undefined, { numberingSystem: "latn" });
      return digits.format(n);
    }

    var texts = null; // each source's words, read at the first search by words: not at load, where none is asked
    function words(li, i) {
      if (!texts) texts = [];
      if (texts[i] === undefined) {
        var parts = li.querySelectorAll(".source-title, .source-byline, .source-copy, .source-note-text");
        texts[i] = Array.prototype.map.call(parts, function (el) { return el.textContent; }).join(" ").toLowerCase();
      }
      return texts[i];
    }

    function apply() {
      var wanted = text.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var kind = outlet.value;
      var shown = 0;
      each(items, function (li, i) {
        var match = (!kind || li.getAttribute("data-outlet") === kind) &&
          (!wanted.length || wanted.every(function (w) { return words(li, i).indexOf(w) !== -1; }));
        li.hidden = !match;
        if (match) shown += 1;
      });
      each(groups, function (g) { g.hidden = !g.querySelector("li.source:not([hidden])"); });
      var which = shown === items.length ? "all" : shown === 0 ? "none" : "some";
      status.textContent = (form.getAttribute("data-status-" + which) || "")
        .replace("{shown}", number(shown)).replace("{total}", number(items.length));
    }

    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault(); // reset by hand, so the list follows
      text.value = "";
      outlet.value = "";
      apply();
    });

    apply();
    form.hidden = false;
    return {
      // A link to a source the filter hides (a "Source details" link, say) shows everything again.
      reveal: function (hash) {
        var el = hash.length > 1 && document.getElementById(fragmentId(hash));
        if (el && root.contains(el) && el.closest("[hidden]")) form.dispatchEvent(new Event("reset"));
      }
    };
  }

  var filter = null; // the filter of the sources on the page, if any

  function setup() {
    markReturn();
    var root = document.querySelector("[data-sources]");
    filter = root && root.querySelector("[data-sources-filter]") ? SourceFilter(root) : null;
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
