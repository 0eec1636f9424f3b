// Annotations and source texts as the server stores them (docs/annotations.md), read into plain objects.

const EXTENSIONS = 'https://annota.io/fhir/StructureDefinition/';
const EVIDENCE = EXTENSIONS + 'nlp-evidence';
const ASSERTION = EXTENSIONS + 'nlp-assertion';
const REVIEW_STATE = EXTENSIONS + 'review-state';

export const ANNOTATION_TYPES = ['Condition', 'MedicationStatement', 'Procedure', 'Observation', 'BodyStructure'];
export const SOURCE_TYPES = ['DocumentReference', 'DiagnosticReport', 'Observation'];
export const FLAGS = ['negated', 'uncertain', 'historyOf', 'conditional', 'generic'];
export const SUBJECTS = ['patient', 'family_member', 'donor_family_member', 'donor_other', 'other'];
export const STATES = ['unconfirmed', 'accepted', 'rejected', 'corrected', 'disputed', 'added'];

/** The semantic groups (as nlp-evidence records them and $add-annotation takes them), each with its resource type. */
export const GROUPS = [
  { code: 'disorder', label: 'Disorder', type: 'Condition' },
  { code: 'sign-symptom', label: 'Sign / symptom', type: 'Condition' },
  { code: 'medication', label: 'Medication', type: 'MedicationStatement' },
  { code: 'procedure', label: 'Procedure', type: 'Procedure' },
  { code: 'lab', label: 'Lab test', type: 'Observation' },
  { code: 'anatomy', label: 'Anatomical site', type: 'BodyStructure' },
];
const SYMPTOM_SYSTEM = 'http://purl.obolibrary.org/obo/symp.owl';

const CODE_ELEMENT = {
  Condition: 'code', MedicationStatement: 'medicationCodeableConcept', Procedure: 'code', Observation: 'code',
  BodyStructure: 'location',
};

const extension = (resource, url) => (resource.extension || []).find(e => e.url === url);
const part = (ext, name) => (ext?.extension || []).find(e => e.url === name);

/** Whether a resource is an annotation (it carries the evidence and a review state). */
export const isAnnotation = resource => !!extension(resource, EVIDENCE) && !!extension(resource, REVIEW_STATE);

/** DocumentReference/12/_history/1 -> DocumentReference/12 */
const versionless = reference => reference.split('/_history/')[0];

/** An annotation resource as the page uses it. */
export function annotation(resource) {
  const evidence = extension(resource, EVIDENCE);
  const assertion = extension(resource, ASSERTION);
  const concept = resource[CODE_ELEMENT[resource.resourceType]] || {};
  const codings = concept.coding || [];
  const source = part(evidence, 'source').valueReference.reference;
  return {
    id: `${resource.resourceType}/${resource.id}`,
    resource,
    group: part(evidence, 'group')?.valueCode || groupOf(resource.resourceType, codings),
    codings,
    source,
    sourceId: versionless(source),
    path: part(evidence, 'path').valueString,
    begin: part(evidence, 'begin').valueInteger,
    end: part(evidence, 'end').valueInteger,
    covered: part(evidence, 'text')?.valueString ?? concept.text ?? '',
    flags: Object.fromEntries(FLAGS.map(f => [f, part(assertion, f)?.valueBoolean === true])),
    subject: part(assertion, 'subject')?.valueCode || 'patient',
    state: extension(resource, REVIEW_STATE).valueCode,
    patient: (resource.subject || resource.patient)?.reference,
  };
}

/**
 * The group of an annotation stored before nlp-evidence recorded it, read as the server reads it: a Condition is a
 * symptom when coded in the Symptom Ontology, else a disorder; other types have one group each.
 */
function groupOf(type, codings) {
  if (type === 'Condition') {
    return codings.some(c => c.system === SYMPTOM_SYSTEM) ? 'sign-symptom' : 'disorder';
  }
  return GROUPS.find(g => g.type === type).code;
}

/** The group's label, e.g. "Sign / symptom". */
export const groupLabel = code => GROUPS.find(g => g.code === code)?.label ?? code;

/** Assertion marks shown beside the text: negated, uncertain, history, ... and who, when not the patient. */
export function assertionLabels(a) {
  const labels = FLAGS.filter(f => a.flags[f]).map(f => (f === 'historyOf' ? 'history' : f));
  if (a.subject !== 'patient') {
    labels.push(a.subject === 'family_member' ? 'family' : a.subject);
  }
  return labels;
}

/** Reading order: source version, then element, then offsets. */
export function compareAnnotations(a, b) {
  return a.source.localeCompare(b.source, 'en', { numeric: true }) || a.path.localeCompare(b.path, 'en', { numeric: true })
    || a.begin - b.begin || a.end - b.end;
}

/** Decided, pending (unconfirmed) and disputed counts of a list of annotations. */
export function progress(annotations) {
  const pending = annotations.filter(a => a.state === 'unconfirmed').length;
  const disputed = annotations.filter(a => a.state === 'disputed').length;
  return { total: annotations.length, pending, disputed, decided: annotations.length - pending - disputed };
}

/**
 * The texts of a source resource the NLP reads, each with the element path evidence cites; the same rules as the
 * server's AnnotatableTexts, so offsets match: text/* attachments (base64, decoded with their charset),
 * DiagnosticReport conclusion, Observation valueString and notes; blank texts are skipped.
 */
export function sourceTexts(resource) {
  const texts = [];
  const add = (path, content) => {
    if (content && content.trim()) {
      texts.push({ path, content });
    }
  };
  const addAttachment = (path, attachment) => add(path, attachmentText(attachment));
  switch (resource.resourceType) {
    case 'DocumentReference':
      (resource.content || []).forEach((c, i) => addAttachment(`DocumentReference.content[${i}].attachment`,
        c.attachment || {}));
      break;
    case 'DiagnosticReport':
      (resource.presentedForm || []).forEach((f, i) => addAttachment(`DiagnosticReport.presentedForm[${i}]`, f));
      add('DiagnosticReport.conclusion', resource.conclusion);
      break;
    case 'Observation':
      add('Observation.valueString', resource.valueString);
      (resource.note || []).forEach((n, i) => add(`Observation.note[${i}].text`, n.text));
      break;
    default:
      break;
  }
  return texts;
}

function attachmentText(attachment) {
  const type = attachment.contentType || '';
  if (!attachment.data || !/^\s*text\//i.test(type)) {
    return null;
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1] || 'utf-8';
  const bytes = Uint8Array.from(atob(attachment.data), c => c.charCodeAt(0));
  // the server keeps a byte-order mark in the text (Java's String does), so offsets count it too
  return new TextDecoder(charset, { ignoreBOM: true }).decode(bytes);
}

/** A few words describing a source for the list: its type or code text, and its date. */
export function sourceSummary(resource) {
  if (!resource) {
    return { title: '', date: '' };
  }
  const concept = resource.type || resource.code || {};
  const title = resource.description || concept.text || concept.coding?.[0]?.display || '';
  const date = resource.date || resource.effectiveDateTime || resource.issued || resource.meta?.lastUpdated || '';
  return { title, date: date.slice(0, 10) };
}
