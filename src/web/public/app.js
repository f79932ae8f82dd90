// Progressive enhancement only: every page works without this file.
// Moves focus to the error summary after a failed form submission, so screen readers announce it.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
});
