// Accessibility fixes to Material's own markup, applied in the page rather
// than by copying Material's templates into overrides/.
(function () {
  "use strict";
  function nameSearchDialog() {
    // Material's search dialog has role="dialog" but no name (axe: aria-dialog-name).
    var dialog = document.querySelector('.md-search[role="dialog"]');
    if (dialog && !dialog.hasAttribute("aria-label")) {
      // Named by the search field's own label, which the theme writes in the site's language.
      var input = dialog.querySelector("input[aria-label], input[placeholder]");
      var name = input && (input.getAttribute("aria-label") || input.placeholder);
      if (name) dialog.setAttribute("aria-label", name);
    }
  }
  nameSearchDialog();
  if (typeof document$ !== "undefined") document$.subscribe(nameSearchDialog);
})();
