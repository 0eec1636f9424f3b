// Small DOM helpers. Texts always go in as text nodes, never as HTML.

/** An element with attributes and children (strings become text nodes). */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  node.append(...children.filter(c => c !== null && c !== undefined));
  return node;
}

/** "3 / 5 decided · 2 pending · 0 disputed" */
export const progressText = p => `${p.decided} / ${p.total} annotations decided · ${p.pending} pending · `
  + `${p.disputed} disputed`;

/** Shows a message in the page's alert line (errors from the server's OperationOutcome, or the page's own). */
export function showError(message) {
  const box = document.getElementById('error');
  box.querySelector('span').textContent = message;
  box.hidden = false;
}

export function clearError() {
  document.getElementById('error').hidden = true;
}
