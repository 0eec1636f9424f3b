// The review page: routes (#/?patient=&type=&state= for the list, #/document/<Type>/<id> for one source),
// the reviewer id, keyboard shortcuts and the set both views share.

import { documentKey, formKey, initDocumentView, openDocument } from './document.js';
import { initFilters, listKey, readFilters, renderList, renderSetProgress, showFilters } from './list.js';
import { loadSet, updateDocument } from './set.js';
import { clearError, showError } from './ui.js';

const $ = id => document.getElementById(id);
const REVIEWER_KEY = 'annota.reviewer';
/** A reviewer id: letters, digits and . _ : / - (no spaces, so a full name does not fit by accident). */
const REVIEWER_ID = /^[A-Za-z0-9._:/-]{2,64}$/;
const FILTERS_KEY = 'annota.filters';

/** The set last loaded, and the filters it was loaded with. */
let set = null;

function filtersFromHash() {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const saved = JSON.parse(sessionStorage.getItem(FILTERS_KEY) || '{}');
  const value = name => query.get(name) ?? saved[name] ?? '';
  return { patient: value('patient'), type: value('type'), state: value('state') || 'pending' };
}

const sameFilters = (a, b) => a && ['patient', 'type', 'state'].every(k => a[k] === b[k]);

async function ensureSet(filters) {
  if (!set || !sameFilters(set.filters, filters)) {
    sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
    set = await loadSet(filters);
  }
  return set;
}

async function route() {
  const match = /^#\/document\/(\w+\/[A-Za-z0-9.-]+)/.exec(location.hash);
  // data-ready names the route once it has loaded (tests wait on it)
  delete document.body.dataset.ready;
  $('list-view').hidden = !!match;
  $('document-view').hidden = !match;
  document.body.dataset.view = match ? 'document' : 'list';
  try {
    if (match) {
      await openDocument(match[1], { reviewer, changed });
      await ensureSet(set?.filters || filtersFromHash());
      renderSetProgress(set, $('doc-set-progress'));
    } else {
      const filters = filtersFromHash();
      showFilters(filters);
      set = null;
      renderList(await ensureSet(filters));
    }
    document.body.dataset.ready = location.hash;
  } catch (e) {
    showError(e.message);
  }
}

function changed(sourceId, annotations) {
  updateDocument(set, sourceId, annotations);
  if (set) {
    renderSetProgress(set, $('doc-set-progress'));
  }
}

function reviewer() {
  const id = $('reviewer').value.trim();
  return REVIEWER_ID.test(id) ? id : null;
}

function initReviewer() {
  const input = $('reviewer');
  input.value = localStorage.getItem(REVIEWER_KEY) || '';
  input.addEventListener('change', () => {
    const id = input.value.trim();
    if (id && !REVIEWER_ID.test(id)) {
      showError('A reviewer id is 2-64 letters, digits or . _ : / - (no spaces): a pseudonym, never your name.');
      return;
    }
    clearError();
    localStorage.setItem(REVIEWER_KEY, id);
  });
}

/** The list or document in the set after (+1) or before (-1) the open one. */
function neighbour(step) {
  const documents = set?.documents || [];
  const at = documents.findIndex(d => location.hash.startsWith(`#/document/${d.id}`));
  const next = documents[at + step];
  if (next) {
    location.hash = `#/document/${next.id}`;
  }
}

function onKey(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  // keys type into text fields and selects; a ticked checkbox keeps them working
  if (event.target.closest('input:not([type=checkbox]), select, textarea')) {
    if (formKey(event.key)) {
      event.preventDefault();
    }
    return;
  }
  // a focused button or link does its own thing on Enter and Space
  if ($('help').open || (event.target.closest('button, a') && (event.key === 'Enter' || event.key === ' '))) {
    return;
  }
  const inDocument = document.body.dataset.view === 'document';
  const keys = inDocument ? {
    b: () => { location.hash = listHash(); },
    ']': () => neighbour(1),
    '[': () => neighbour(-1),
  } : {
    '/': () => $('filter-patient').focus(),
  };
  keys['?'] = () => $('help').showModal();
  const used = inDocument ? documentKey(event.key) : listKey(event.key);
  if (!used && keys[event.key]) {
    keys[event.key]();
  }
  if (used || keys[event.key]) {
    event.preventDefault();
  }
}

function listHash() {
  const filters = set?.filters || filtersFromHash();
  return `#/?${new URLSearchParams(filters)}`;
}

function init() {
  initReviewer();
  initFilters();
  initDocumentView();
  $('filters').addEventListener('submit', event => {
    event.preventDefault();
    const hash = `#/?${new URLSearchParams(readFilters())}`;
    if (location.hash === hash) {
      route();
    } else {
      location.hash = hash;
    }
  });
  $('back').addEventListener('click', event => {
    event.preventDefault();
    location.hash = listHash();
  });
  $('help-button').addEventListener('click', () => $('help').showModal());
  $('help-close').addEventListener('click', () => $('help').close());
  $('error').querySelector('button').addEventListener('click', clearError);
  document.addEventListener('keydown', onKey);
  window.addEventListener('hashchange', route);
  route();
}

init();
