// The document list: the set's annotated sources with their progress, filtered by patient, type and state.

import { progress, sourceSummary, SOURCE_TYPES } from './model.js';
import { setProgress, shown, STATE_FILTERS } from './set.js';
import { element, progressText } from './ui.js';

const rows = () => [...document.querySelectorAll('#documents tbody tr')];

/** Fills the filter controls once. */
export function initFilters() {
  const type = document.getElementById('filter-type');
  type.append(element('option', { value: '' }, 'all types'),
    ...SOURCE_TYPES.map(t => element('option', { value: t }, t)));
  document.getElementById('filter-state').append(...STATE_FILTERS.map(f => element('option', { value: f.code },
    f.label)));
}

/** Shows the filters of the current URL in the controls. */
export function showFilters(filters) {
  document.getElementById('filter-patient').value = filters.patient;
  document.getElementById('filter-type').value = filters.type;
  document.getElementById('filter-state').value = filters.state;
}

/** The filters as the controls hold them. */
export function readFilters() {
  return {
    patient: document.getElementById('filter-patient').value.trim(),
    type: document.getElementById('filter-type').value,
    state: document.getElementById('filter-state').value,
  };
}

export function renderList(set) {
  const body = document.querySelector('#documents tbody');
  const documents = shown(set);
  body.replaceChildren(...documents.map(d => row(d)));
  document.getElementById('documents-empty').hidden = documents.length > 0;
  document.getElementById('patients').replaceChildren(...[...new Set(set.documents.map(d => d.patient))]
    .filter(Boolean).map(p => element('option', { value: p.replace(/^Patient\//, '') })));
  renderSetProgress(set, document.getElementById('set-progress'));
  if (documents.length) {
    select(0);
  }
}

/** The set's progress into an element (the list's header, or the document view's). */
export function renderSetProgress(set, target) {
  const p = setProgress(set);
  target.dataset.done = p.done;
  target.dataset.documents = p.documents;
  target.replaceChildren(element('strong', {}, 'Set: '),
    `${p.done} / ${p.documents} documents reviewed · ${progressText(p)}`,
    element('progress', { max: p.total || 1, value: p.decided }));
}

function row(d) {
  const p = progress(d.annotations);
  const summary = sourceSummary(d.resource);
  const link = element('a', { href: `#/document/${d.id}` }, d.id);
  const tr = element('tr', { 'data-id': d.id },
    element('td', {}, link),
    element('td', {}, (d.patient || '').replace(/^Patient\//, '')),
    element('td', {}, summary.title),
    element('td', {}, summary.date),
    element('td', { class: 'progress' }, `${p.decided} / ${p.total}`,
      element('progress', { max: p.total || 1, value: p.decided })),
    element('td', { class: 'number' }, String(p.pending)),
    element('td', { class: 'number' }, String(p.disputed)));
  tr.addEventListener('click', event => {
    if (event.target !== link) {
      location.hash = link.getAttribute('href');
    }
  });
  return tr;
}

function select(index) {
  rows().forEach((r, i) => r.classList.toggle('current', i === index));
  rows()[index]?.scrollIntoView({ block: 'nearest' });
}

/** Keyboard on the list: j/k or arrows move, Enter or o opens. */
export function listKey(key) {
  const all = rows();
  const index = all.findIndex(r => r.classList.contains('current'));
  switch (key) {
    case 'j': case 'ArrowDown':
      select(Math.min(index + 1, all.length - 1));
      return true;
    case 'k': case 'ArrowUp':
      select(Math.max(index - 1, 0));
      return true;
    case 'Enter': case 'o':
      if (index >= 0) {
        location.hash = `#/document/${all[index].dataset.id}`;
      }
      return true;
    default:
      return false;
  }
}
