// After a failed save, move the focus to the error summary at the top of the form, so that keyboard and
// screen-reader users start from what went wrong (its links lead to the fields). Forms that show their
// errors in an alert of their own get the same. Without JavaScript the summary is simply the first thing
// in the form.
(() => {
  const summary = (root) =>
    root.querySelector("[data-error-summary]") || root.querySelector("form .kern-alert--danger");

  const focusSummary = (root) => {
    const found = summary(root);
    if (!(found instanceof HTMLElement)) return;
    if (!found.hasAttribute("tabindex")) found.setAttribute("tabindex", "-1");
    found.focus();
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => focusSummary(document));
  } else {
    focusSummary(document);
  }
  // A form swapped in by htmx with errors: the same.
  document.addEventListener("htmx:afterSettle", (event) => {
    if (event.target instanceof HTMLElement) focusSummary(event.target);
  });
})();
