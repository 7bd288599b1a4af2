// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // A rejected form puts focus on its error summary so screen readers announce it at once.
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
