// Reads a WFS 2.0 feature type whole: capabilities, resultType=hits, then startIndex/count pages in a stable sortBy
// order, as GeoJSON where the service offers it and GML 3.2 otherwise.
import { parseGeoJson } from '../ingest/parse-geojson.js';
import type { SourceRow } from '../ingest/rows.js';
import type { FetchRequest, Fetched } from './fetched.js';
import { getPage, SyncFailure } from './http.js';
import { exceptionText, parseGmlFeatures, parseXml } from './gml.js';

const OWN_PARAMETERS = new Set(['service', 'version', 'request', 'typename', 'typenames', 'resulttype', 'count', 'startindex', 'sortby', 'outputformat', 'maxfeatures']);

/** The service's URL with its own parameters (MAP=…, say) kept and the request's set. */
function wfsUrl(base: URL, parameters: Record<string, string>): string {
  const url = new URL(base);
  for (const key of [...url.searchParams.keys()]) if (OWN_PARAMETERS.has(key.toLowerCase())) url.searchParams.delete(key);
  for (const [key, value] of Object.entries({ SERVICE: 'WFS', VERSION: '2.0.0', ...parameters })) url.searchParams.set(key, value);
  return url.toString();
}

/** The type name the URL asks for (TYPENAMES= or TYPENAME=), if it does. */
function typeNameInUrl(url: URL): string | undefined {
  for (const [key, value] of url.searchParams) if (/^typenames?$/i.test(key) && value) return value;
  return undefined;
}

interface Capabilities {
  typeNames: string[];
  geoJsonFormat?: string;
}

export async function readCapabilities(base: URL, request: FetchRequest): Promise<Capabilities> {
  const url = wfsUrl(base, { REQUEST: 'GetCapabilities' });
  const page = await getPage(url, request.budget, { accept: 'application/xml, text/xml' }, 'the capabilities');
  const doc = parseXml(page.body.toString('utf8'), `the capabilities ${url}`);
  const failure = exceptionText(doc);
  if (failure) throw new SyncFailure(`the capabilities ${url} answered an exception: ${failure}`);
  const capabilities = doc.WFS_Capabilities;
  if (!capabilities) throw new SyncFailure(`${url} did not answer WFS capabilities; is this a WFS 2.0 service?`);
  const typeNames = (capabilities.FeatureTypeList?.FeatureType ?? []).map((t: { Name?: unknown }) => String(t.Name ?? '')).filter(Boolean);
  const getFeature = (capabilities.OperationsMetadata?.Operation ?? []).find((o: Record<string, unknown>) => o['@name'] === 'GetFeature');
  const outputFormats: string[] = (getFeature?.Parameter ?? [])
    .filter((p: Record<string, unknown>) => /^outputformat$/i.test(String(p['@name'])))
    .flatMap((p: { AllowedValues?: { Value?: unknown[] } }) => (p.AllowedValues?.Value ?? []).map(String));
  return { typeNames, geoJsonFormat: outputFormats.find((f) => /geo\+?json|subtype=geojson|^application\/json/i.test(f)) };
}

export async function fetchWfs(request: FetchRequest): Promise<Fetched> {
  const base = new URL(request.url);
  const capabilities = await readCapabilities(base, request);
  const typeName = typeNameInUrl(base) ?? (capabilities.typeNames.length === 1 ? capabilities.typeNames[0] : undefined);
  if (!typeName) {
    throw new SyncFailure(`the service offers ${capabilities.typeNames.length} feature types (${capabilities.typeNames.join(', ') || 'none'}); add TYPENAMES=<one of them> to the source's URL`);
  }
  const hitsUrl = wfsUrl(base, { REQUEST: 'GetFeature', TYPENAMES: typeName, RESULTTYPE: 'hits' });
  const hitsPage = await getPage(hitsUrl, request.budget, { accept: 'application/xml, text/xml' }, 'the count (resultType=hits)');
  const hits = parseGmlFeatures(hitsPage.body.toString('utf8'), `the count ${hitsUrl}`, 1).numberMatched;
  if (hits === undefined) throw new SyncFailure(`the count ${hitsUrl} gave no numberMatched; the service cannot be paged reliably`);
  if (hits > request.limits.maxFeatures) throw new SyncFailure(`the source holds ${hits} features; the limit is ${request.limits.maxFeatures} (ATLAS_SYNC_MAX_FEATURES)`);
  const count = request.limits.pageSize;
  const format = capabilities.geoJsonFormat;
  const rows: SourceRow[] = [];
  for (let start = 0; start < hits; start += count) {
    const parameters: Record<string, string> = { REQUEST: 'GetFeature', TYPENAMES: typeName, STARTINDEX: String(start), COUNT: String(count) };
    // Pages are only consistent in one order; a single page needs none.
    if (hits > count) {
      if (!request.sortBy) throw new SyncFailure(`the source has ${hits} features in more than one page, and its pages need a property to sort by: give --id-field a property the service sends`);
      parameters.SORTBY = request.sortBy;
    }
    if (format) parameters.OUTPUTFORMAT = format;
    const url = wfsUrl(base, parameters);
    const what = `page ${Math.floor(start / count) + 1}`;
    const page = await getPage(url, request.budget, {}, what);
    const body = page.body.toString('utf8');
    const part = format && !/xml/i.test(page.contentType)
      ? parseGeoJson(body, url).map((r) => ({ ...r, row: r.row + rows.length }))
      : parseGmlFeatures(body, `${what} ${url}`, rows.length + 1).rows;
    if (part.length === 0) throw new SyncFailure(`${what} ${url} held no features, though the service counted ${hits}; it may have changed while it was read`);
    for (const row of part) rows.push(row);
  }
  if (rows.length !== hits) throw new SyncFailure(`the service counted ${hits} features but its pages held ${rows.length}; it may have changed while it was read`);
  return { notModified: false, rows, format: 'geojson' };
}
