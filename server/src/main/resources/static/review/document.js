// The document view: one source's de-identified text with its annotations highlighted, the annotation list, and
// the review actions ($review: accept, reject, correct; $add-annotation: add).

import { operation, parameters, PAGE_SIZE, read, searchAll } from './fhir.js';
import {
  ANNOTATION_TYPES, FLAGS, GROUPS, STATES, SUBJECTS, annotation, assertionLabels, compareAnnotations, groupLabel,
  isAnnotation, progress, sourceTexts,
} from './model.js';
import { clearError, element, progressText, showError } from './ui.js';

/** The open document: its texts (sections), annotations, the current one and the form being edited. */
let view = null;
/** { reviewer(): the reviewer id or null, changed(sourceId, annotations): after each decision }. */
let hooks = null;

const $ = id => document.getElementById(id);

/** The source being loaded: a slower earlier load must not replace the view of a later one. */
let loading = null;

/** Loads a source, every annotation citing any of its versions, and the texts of the versions they cite. */
export async function openDocument(sourceId, documentHooks) {
  hooks = documentHooks;
  view = null;
  const load = Symbol(sourceId);
  loading = load;
  $('text-pane').replaceChildren(element('p', { class: 'loading' }, 'Loading…'));
  const source = await read(sourceId);
  const found = (await Promise.all(ANNOTATION_TYPES.map(type => searchAll(
    `${type}?annotation-source=${sourceId}&review-state=${STATES.join(',')}&_count=${PAGE_SIZE}`))))
    .flat().map(e => e.resource).filter(isAnnotation).map(annotation);
  const currentVersion = `${sourceId}/_history/${source.meta.versionId}`;
  const older = [...new Set(found.map(a => a.source))].filter(v => v !== currentVersion);
  const versions = [[currentVersion, source], ...await Promise.all(older.map(async v => [v, await read(v)]))];
  const sections = versions.flatMap(([version, resource]) => sourceTexts(resource).map(text => ({
    key: `${version}#${text.path}`, version, path: text.path, content: text.content,
    current: version === currentVersion,
  })));
  if (loading !== load) {
    return;
  }
  view = { sourceId, sections, annotations: found.sort(compareAnnotations), index: 0, editing: null, busy: false };
  view.index = Math.max(0, view.annotations.findIndex(a => a.state === 'unconfirmed'));
  $('doc-title').textContent = sourceId;
  hooks.changed(sourceId, view.annotations);
  render();
}

const current = () => view?.annotations[view.index];
const sectionOf = a => view.sections.find(s => s.key === `${a.source}#${a.path}`);

function render() {
  renderText();
  renderList();
  renderProgress();
  renderForm();
}

function renderText() {
  const sections = view.sections.map(section => element('section', { class: section.current ? 'text' : 'text older' },
    element('h3', {}, section.path.replace(/^\w+\./, ''),
      section.current ? null : element('span', { class: 'version' }, ` (earlier version ${section.version})`)),
    highlighted(section)));
  $('text-pane').replaceChildren(...(sections.length ? sections : [element('p', {}, 'This source holds no text.')]));
}

/** Short forms of the assertion labels, for the marks after a mention in the text. */
const MARKS = { negated: 'neg', uncertain: 'unc', history: 'hx', conditional: 'cond', generic: 'gen', family: 'fam' };

/**
 * The text cut at every annotation boundary; each piece is one span with the classes of the shortest annotation
 * covering it (its group, state and assertion) and the ids of all covering it.
 */
function highlighted(section) {
  const pre = element('pre', { 'data-key': section.key });
  const inside = view.annotations.filter(a => sectionOf(a) === section && a.end <= section.content.length);
  const cuts = [...new Set([0, section.content.length, ...inside.flatMap(a => [a.begin, a.end])])]
    .sort((x, y) => x - y);
  const currentId = current()?.id;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const text = section.content.slice(from, to);
    const covering = inside.filter(a => a.begin <= from && a.end >= to);
    if (!covering.length) {
      pre.append(text);
      continue;
    }
    const top = shortest(covering);
    const marks = covering.filter(a => a.end === to).flatMap(assertionLabels).map(l => MARKS[l] || l);
    const classes = ['mention', `g-${top.group}`, `s-${top.state}`, ...FLAGS.filter(f => top.flags[f]).map(f => `f-${f}`),
      top.subject === 'patient' ? null : 'f-family', covering.length > 1 ? 'overlap' : null,
      covering.some(a => a.id === currentId) ? 'current' : null];
    const span = element('span', {
      class: classes.filter(Boolean).join(' '), 'data-id': top.id, 'data-ids': covering.map(a => a.id).join(' '),
      'data-mark': marks.length ? marks.join(' ') : null, title: covering.map(describe).join('\n'),
    }, text);
    span.addEventListener('click', () => clickMention(covering));
    pre.append(span);
  }
  return pre;
}

const shortest = annotations => annotations.reduce((best, a) => (a.end - a.begin < best.end - best.begin ? a : best));

/** A click selects the shortest annotation there; clicking again cycles through the overlapping ones. */
function clickMention(covering) {
  if (!getSelection().isCollapsed) {
    return;
  }
  const at = covering.findIndex(a => a.id === current()?.id);
  const next = at < 0 ? shortest(covering) : covering[(at + 1) % covering.length];
  select(view.annotations.indexOf(next));
}

const coding = a => a.codings[0] || {};
const describe = a => `${groupLabel(a.group)}: ${coding(a).code || '(no code)'} ${coding(a).display || ''} [${a.state}]`;

function renderList() {
  $('annotation-list').replaceChildren(...view.annotations.map((a, i) => {
    const c = coding(a);
    const labels = assertionLabels(a);
    const item = element('li', { 'data-id': a.id, 'data-state': a.state, class: i === view.index ? 'current' : null },
      element('span', { class: `swatch g-${a.group}` }),
      element('q', { class: 'covered' }, a.covered),
      element('span', { class: 'group' }, groupLabel(a.group)),
      element('span', { class: `state s-${a.state}` }, a.state),
      element('div', { class: 'code', title: c.system || '' }, `${c.code || '(no code)'} ${c.display || ''}`),
      labels.length ? element('div', { class: 'flags' }, labels.join(' · ')) : null,
      sectionOf(a) ? null : element('div', { class: 'flags' }, `text not found (${a.source} ${a.path})`));
    item.addEventListener('click', () => select(i));
    return item;
  }));
  $('annotation-list').querySelector('li.current')?.scrollIntoView({ block: 'nearest' });
  const none = !current();
  ['accept', 'reject', 'correct'].forEach(id => { $(id).disabled = none || view.busy; });
  $('add').disabled = view.busy;
  $('adjudicate-box').hidden = current()?.state !== 'disputed';
  // an adjudication is chosen per dispute: the box is clear again once the current annotation is not disputed
  $('adjudicate').checked &&= !$('adjudicate-box').hidden;
}

function renderProgress() {
  const p = progress(view.annotations);
  const target = $('doc-progress');
  Object.assign(target.dataset, { decided: p.decided, total: p.total, pending: p.pending, disputed: p.disputed });
  target.replaceChildren(element('strong', {}, 'Document: '), progressText(p),
    element('progress', { max: p.total || 1, value: p.decided }));
}

function select(index) {
  if (index < 0 || index >= view.annotations.length) {
    return;
  }
  view.index = index;
  renderText();
  renderList();
  document.querySelector('#text-pane .current')?.scrollIntoView({ block: 'nearest' });
  if (view.editing?.mode === 'correct') {
    openForm('correct');
  }
}

/** The next annotation still unconfirmed after the current one (wrapping), else the next one. */
function nextPending() {
  const n = view.annotations.length;
  for (let step = 1; step <= n; step++) {
    const i = (view.index + step) % n;
    if (view.annotations[i].state === 'unconfirmed') {
      return i;
    }
  }
  return Math.min(view.index + 1, n - 1);
}

function reviewer() {
  const id = hooks.reviewer();
  if (!id) {
    showError('Enter your pseudonymous reviewer id first (top right).');
  }
  return id;
}

/** Sends one request, puts the stored annotation into the view and re-renders; errors go to the alert line. */
async function send(request, after) {
  view.busy = true;
  renderList();
  try {
    const stored = annotation(await request());
    const at = view.annotations.findIndex(a => a.id === stored.id);
    if (at >= 0) {
      view.annotations[at] = stored;
    } else {
      view.annotations.push(stored);
    }
    view.annotations.sort(compareAnnotations);
    view.index = view.annotations.findIndex(a => a.id === stored.id);
    view.editing = null;
    after();
    clearError();
    hooks.changed(view.sourceId, view.annotations);
  } catch (e) {
    showError(e.message);
  } finally {
    view.busy = false;
    render();
  }
}

/** accept, reject or correct; on a disputed annotation, with the box ticked, as the adjudication settling it. */
function decide(decision, changes = []) {
  const a = current();
  const id = a && reviewer();
  if (!id) {
    return;
  }
  const vote = a.state === 'disputed' && $('adjudicate').checked
    ? [['decision', 'valueCode', 'adjudicate'], ['final', 'valueCode', decision]]
    : [['decision', 'valueCode', decision]];
  send(() => operation(a.id, '$review', parameters([['reviewer', 'valueString', id], ...vote, ...changes])), () => {
    if (decision !== 'correct') {
      view.index = nextPending();
    }
  });
}

// ---- correct and add: one form ----

/**
 * The selected text as offsets into one section's text, whitespace at either end left out; null when nothing
 * (or something outside the texts) is selected.
 */
function selectedSpan() {
  const selection = getSelection();
  if (!selection.rangeCount || selection.isCollapsed) {
    return null;
  }
  const range = selection.getRangeAt(0);
  const pre = textOf(range.startContainer);
  if (!pre || pre !== textOf(range.endContainer)) {
    return null;
  }
  const section = view.sections.find(s => s.key === pre.dataset.key);
  let begin = offsetIn(pre, range.startContainer, range.startOffset);
  let end = offsetIn(pre, range.endContainer, range.endOffset);
  while (begin < end && /\s/.test(section.content[begin])) {
    begin++;
  }
  while (end > begin && /\s/.test(section.content[end - 1])) {
    end--;
  }
  return begin < end ? { section, begin, end } : null;
}

function textOf(node) {
  const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
  return element?.closest('#text-pane pre') || null;
}

function offsetIn(pre, node, offset) {
  const range = document.createRange();
  range.setStart(pre, 0);
  range.setEnd(node, offset);
  return range.toString().length;
}

function openForm(mode) {
  if (mode === 'add') {
    // from the selection, or else at the current annotation's span (keyboard only: adjust the offsets)
    const span = selectedSpan() || (current() && sectionOf(current())
      && { section: sectionOf(current()), begin: current().begin, end: current().end });
    if (!span) {
      showError('Select the text to annotate first.');
      return;
    }
    if (!span.section.current) {
      showError('Additions go into the current version of the text; this selection is in an earlier one.');
      return;
    }
    view.editing = { mode, section: span.section, begin: span.begin, end: span.end };
  } else {
    const a = current();
    if (!a) {
      return;
    }
    if (!sectionOf(a)) {
      showError(`The text ${a.id} cites (${a.source}, ${a.path}) is not there to correct against.`);
      return;
    }
    view.editing = { mode, annotation: a, section: sectionOf(a), begin: a.begin, end: a.end };
  }
  clearError();
  fillForm();
  renderForm();
  $(mode === 'add' ? 'edit-group' : 'edit-code').focus();
}

function fillForm() {
  const { mode, annotation: a, section, begin, end } = view.editing;
  const group = localStorage.getItem('annota.group') || GROUPS[0].code;
  const c = a ? coding(a) : {};
  $('edit-title').textContent = mode === 'add' ? 'Add an annotation' : `Correct ${a.id}`;
  $('edit-group').value = group;
  $('edit-system').value = c.system ?? systemFor(group);
  $('edit-code').value = c.code ?? '';
  $('edit-display').value = c.display ?? (mode === 'add' ? section.content.slice(begin, end) : '');
  $('edit-begin').value = begin;
  $('edit-end').value = end;
  for (const flag of FLAGS) {
    $(`edit-${flag}`).checked = !!a?.flags[flag];
  }
  $('edit-subject').value = a?.subject || 'patient';
  $('systems').replaceChildren(...[...new Set(view.annotations.flatMap(x => x.codings.map(y => y.system)))]
    .filter(Boolean).map(s => element('option', { value: s })));
}

/** The code system last used for a group here, or the one its annotations in this document use. */
function systemFor(group) {
  return localStorage.getItem(`annota.system.${group}`)
    || view.annotations.find(a => a.group === group)?.codings[0]?.system || '';
}

function renderForm() {
  const editing = view?.editing;
  $('edit-form').hidden = !editing;
  $('actions').hidden = !!editing;
  if (!editing) {
    return;
  }
  $('edit-form').dataset.mode = editing.mode;
  const begin = Number($('edit-begin').value);
  const end = Number($('edit-end').value);
  $('edit-covered').textContent = begin < end ? editing.section.content.slice(begin, end) : '';
}

/** While the form is open, selecting text in the same section sets the span. */
function selectionChanged() {
  const editing = view?.editing;
  const span = editing && selectedSpan();
  if (!span || (editing.mode === 'correct' ? span.section !== editing.section : !span.section.current)) {
    return;
  }
  editing.section = span.section;
  $('edit-begin').value = span.begin;
  $('edit-end').value = span.end;
  if (editing.mode === 'add') {
    $('edit-display').value = span.section.content.slice(span.begin, span.end);
  }
  renderForm();
}

function submitForm(event) {
  event.preventDefault();
  const editing = view.editing;
  const begin = Number($('edit-begin').value);
  const end = Number($('edit-end').value);
  const code = {
    system: $('edit-system').value.trim() || undefined, code: $('edit-code').value.trim() || undefined,
    display: $('edit-display').value.trim() || undefined,
  };
  if (editing.mode === 'add') {
    add(code, begin, end);
    return;
  }
  const a = editing.annotation;
  const original = coding(a);
  const changes = [];
  if (['system', 'code', 'display'].some(k => (code[k] ?? '') !== (original[k] ?? ''))) {
    if (!code.code) {
      showError('A corrected code needs a code.');
      return;
    }
    changes.push(['code', 'valueCoding', code]);
  }
  if (begin !== a.begin || end !== a.end) {
    changes.push(['begin', 'valueInteger', begin], ['end', 'valueInteger', end]);
  }
  // the assertion goes along only when the reviewer changed it
  for (const flag of FLAGS.filter(f => $(`edit-${f}`).checked !== a.flags[f])) {
    changes.push([flag, 'valueBoolean', $(`edit-${flag}`).checked]);
  }
  if ($('edit-subject').value !== a.subject) {
    changes.push(['subject', 'valueCode', $('edit-subject').value]);
  }
  if (!changes.length) {
    showError('Nothing changed: change the code, the span or the assertion, or accept instead.');
    return;
  }
  decide('correct', changes);
}

function add(code, begin, end) {
  const id = reviewer();
  const group = $('edit-group').value;
  if (!id) {
    return;
  }
  if (!code.code) {
    showError('An added annotation needs a code.');
    return;
  }
  localStorage.setItem('annota.group', group);
  if (code.system) {
    localStorage.setItem(`annota.system.${group}`, code.system);
  }
  send(() => operation(view.sourceId, '$add-annotation', parameters([['reviewer', 'valueString', id],
    ['group', 'valueCode', group], ['code', 'valueCoding', code], ['begin', 'valueInteger', begin],
    ['end', 'valueInteger', end], ['path', 'valueString', view.editing.section.path]])), () => getSelection()
    .removeAllRanges());
}

function closeForm() {
  view.editing = null;
  renderForm();
}

/** Wires the static controls once. */
export function initDocumentView() {
  $('edit-group').append(...GROUPS.map(g => element('option', { value: g.code }, g.label)));
  $('edit-subject').append(...SUBJECTS.map(s => element('option', { value: s }, s)));
  $('edit-group').addEventListener('change', () => {
    if (view.editing?.mode === 'add') {
      $('edit-system').value = systemFor($('edit-group').value);
    }
  });
  ['edit-begin', 'edit-end'].forEach(id => $(id).addEventListener('input', renderForm));
  $('edit-form').addEventListener('submit', submitForm);
  $('edit-cancel').addEventListener('click', closeForm);
  $('accept').addEventListener('click', () => decide('accept'));
  $('reject').addEventListener('click', () => decide('reject'));
  $('correct').addEventListener('click', () => openForm('correct'));
  $('add').addEventListener('click', () => openForm('add'));
  document.addEventListener('selectionchange', selectionChanged);
}

/** Keyboard in the document view; true when the key was used. */
export function documentKey(key) {
  if (!view || view.busy) {
    return false;
  }
  if (view.editing) {
    // while the form is open (the focus back in the text after selecting), keys save or cancel it; other
    // letters do nothing, so that no decision or navigation happens under an open form
    const form = { Enter: () => $('edit-form').requestSubmit(), Escape: closeForm };
    form[key]?.();
    return key in form || (key.length === 1 && key !== '?');
  }
  const actions = {
    j: () => select(view.index + 1), ArrowDown: () => select(view.index + 1),
    k: () => select(view.index - 1), ArrowUp: () => select(view.index - 1),
    a: () => decide('accept'), r: () => decide('reject'), c: () => openForm('correct'), n: () => openForm('add'),
    Escape: () => getSelection().removeAllRanges(),
  };
  actions[key]?.();
  return key in actions;
}

/** Escape inside the form's fields closes it. */
export function formKey(key) {
  if (key === 'Escape' && view?.editing) {
    closeForm();
    return true;
  }
  return false;
}
