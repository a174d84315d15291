// Accessibility fixes to Material's own markup, applied in the page rather
// than by copying Material's templates into overrides/.
(function () {
  "use strict";
  function nameSearchDialog() {
    // Material's search dialog has role="dialog" but no name (axe: aria-dialog-name).
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) {
      var input = dialog.querySelector("input[aria-label], input[placeholder]");
      dialog.setAttribute("aria-label", (input && (input.getAttribute("aria-label") || input.placeholder)) || "Search");
    }
  }
  nameSearchDialog();
  if (typeof document$ !== "undefined") document$.subscribe(nameSearchDialog);
})();
