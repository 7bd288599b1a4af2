// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  // A rejected form puts focus on its error summary so screen readers announce it at once.
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});

// The header's disclosures (the account menu, the small screens' menu) close as menus do: Escape gives focus back to
// their button, a click elsewhere closes them. Without this file they close by their own button only.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const open = document.activeElement?.closest('.site-header details[open]');
  if (!open) return;
  open.open = false;
  open.querySelector('summary')?.focus();
});
document.addEventListener('click', (event) => {
  for (const open of document.querySelectorAll('.site-header details[open]')) {
    if (!open.contains(event.target)) open.open = false;
  }
});
