// Progressive enhancement: after a form comes back with errors, move focus to the summary at the top,
// so it is scrolled into view and a screen reader reads it out. The page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }
});
