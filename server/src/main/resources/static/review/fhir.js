// The FHIR API client of the review page: same origin only (the page's Content-Security-Policy allows nothing else).

/** The FHIR base, relative to the page, so the page works under any context path. */
const BASE = new URL('../fhir/', document.baseURI);
const JSON_TYPE = 'application/fhir+json';
/** Largest page the server gives (FhirServerConfig: maximum page size). */
export const PAGE_SIZE = 500;

/** A request the server refused: the message joins the OperationOutcome's diagnostics. */
export class FhirError extends Error {
}

async function request(method, path, body) {
  const response = await fetch(new URL(path, BASE), {
    method,
    headers: body ? { Accept: JSON_TYPE, 'Content-Type': JSON_TYPE } : { Accept: JSON_TYPE },
    body: body ? JSON.stringify(body) : undefined,
    cache: 'no-store',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new FhirError(outcomeMessage(json) || `${method} ${path}: HTTP ${response.status}`);
  }
  return json;
}

function outcomeMessage(json) {
  if (!json || json.resourceType !== 'OperationOutcome') {
    return null;
  }
  return (json.issue || []).map(i => i.diagnostics || i.details?.text || i.code).filter(Boolean).join('; ');
}

export const read = reference => request('GET', reference);

/**
 * Every entry of a search, following the paging links. A next link is rebuilt on our own base: the server may
 * name itself differently (a proxy), and the page fetches nothing but same-origin FHIR.
 */
export async function searchAll(query) {
  const entries = [];
  let bundle = await request('GET', query);
  for (;;) {
    entries.push(...(bundle.entry || []));
    const next = (bundle.link || []).find(l => l.relation === 'next');
    if (!next) {
      return entries;
    }
    bundle = await request('GET', BASE.pathname.replace(/\/$/, '') + new URL(next.url).search);
  }
}

/** A FHIR Parameters resource from [name, value-type, value] triples; null or undefined values are left out. */
export function parameters(triples) {
  return {
    resourceType: 'Parameters',
    parameter: triples.filter(([, , value]) => value !== null && value !== undefined)
      .map(([name, type, value]) => ({ name, [type]: value })),
  };
}

/** An instance operation, e.g. operation('Condition/5', '$review', parameters(...)): the resource it answers. */
export const operation = (reference, name, body) => request('POST', `${reference}/${name}`, body);
