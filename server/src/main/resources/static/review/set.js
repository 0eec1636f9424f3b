// The review set: every annotated source document of one patient (or of all) and one source type, with the
// annotations found in each. Read with one FHIR search per annotation type, the sources _include-d.

import { PAGE_SIZE, searchAll } from './fhir.js';
import { ANNOTATION_TYPES, STATES, annotation, isAnnotation, progress } from './model.js';

/** The review-state filters of the document list. */
export const STATE_FILTERS = [
  { code: 'pending', label: 'with pending annotations', keep: p => p.pending > 0 },
  { code: 'disputed', label: 'with disputed annotations', keep: p => p.disputed > 0 },
  { code: 'reviewed', label: 'fully reviewed', keep: p => p.pending === 0 && p.disputed === 0 },
  { code: 'all', label: 'all', keep: () => true },
];

/** "Patient/x" for "x" or "Patient/x". */
export const patientReference = id => (id.startsWith('Patient/') ? id : `Patient/${id}`);

/**
 * Every annotation of the filter's patient (all patients without one), grouped by the source it cites, the
 * sources of other types than the filter's left out. Searching by review-state (all states) also keeps the
 * ordinary Observations of the patient, which are sources, not annotations, out of the Observation search.
 */
export async function loadSet(filters) {
  const patient = filters.patient ? `&patient=${encodeURIComponent(patientReference(filters.patient))}` : '';
  const bundles = await Promise.all(ANNOTATION_TYPES.map(type => searchAll(
    `${type}?review-state=${STATES.join(',')}${patient}&_include=${type}:annotation-source&_count=${PAGE_SIZE}`)));
  const entries = bundles.flat();
  const included = new Map(entries.filter(e => e.search?.mode === 'include')
    .map(e => [`${e.resource.resourceType}/${e.resource.id}`, e.resource]));
  const documents = new Map();
  for (const entry of entries) {
    if (entry.search?.mode === 'include' || !isAnnotation(entry.resource)) {
      continue;
    }
    const found = annotation(entry.resource);
    const type = found.sourceId.split('/')[0];
    if (filters.type && filters.type !== type) {
      continue;
    }
    if (!documents.has(found.sourceId)) {
      documents.set(found.sourceId, { id: found.sourceId, type, resource: included.get(found.sourceId),
        patient: found.patient, annotations: [] });
    }
    documents.get(found.sourceId).annotations.push(found);
  }
  return { filters, documents: [...documents.values()].sort(byId) };
}

function byId(a, b) {
  return a.type.localeCompare(b.type) || Number(a.id.split('/')[1]) - Number(b.id.split('/')[1])
    || a.id.localeCompare(b.id);
}

/** The documents the state filter keeps. */
export function shown(set) {
  const filter = STATE_FILTERS.find(f => f.code === set.filters.state) || STATE_FILTERS[0];
  return set.documents.filter(d => filter.keep(progress(d.annotations)));
}

/** Progress of the whole set: documents with nothing left to decide, and annotations decided. */
export function setProgress(set) {
  const all = progress(set.documents.flatMap(d => d.annotations));
  const done = set.documents.filter(d => {
    const p = progress(d.annotations);
    return p.pending === 0 && p.disputed === 0;
  }).length;
  return { ...all, documents: set.documents.length, done };
}

/** Puts a document's annotations, as the document view last read or changed them, into the set. */
export function updateDocument(set, id, annotations) {
  const document = set?.documents.find(d => d.id === id);
  if (document) {
    document.annotations = annotations;
  }
}
