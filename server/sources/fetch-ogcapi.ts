// Reads an OGC API – Features collection whole: its items page by page, following rel="next" links.
import { parseGeoJson } from '../ingest/parse-geojson.js';
import type { SourceRow } from '../ingest/rows.js';
import type { FetchRequest, Fetched } from './fetched.js';
import { getPage, pageJson, SyncFailure } from './http.js';

interface ItemsPage {
  type?: string;
  features?: unknown[];
  links?: { href?: string; rel?: string; type?: string }[];
  numberMatched?: number;
}

/** The items URL of a collection given as …/collections/{id} or …/collections/{id}/items, with `limit` set. */
export function itemsUrl(url: string, pageSize: number): string {
  const parsed = new URL(url);
  if (!/\/items\/?$/.test(parsed.pathname)) parsed.pathname = `${parsed.pathname.replace(/\/$/, '')}/items`;
  if (!parsed.searchParams.has('limit')) parsed.searchParams.set('limit', String(pageSize));
  return parsed.toString();
}

function nextLink(page: ItemsPage, base: string): string | undefined {
  const next = page.links?.find((l) => l.rel === 'next' && l.href && (!l.type || /json/i.test(l.type)));
  return next?.href ? new URL(next.href, base).toString() : undefined;
}

export async function fetchOgcApi(request: FetchRequest): Promise<Fetched> {
  const rows: SourceRow[] = [];
  const seen = new Set<string>();
  let url: string | undefined = itemsUrl(request.url, request.limits.pageSize);
  let announced: number | undefined;
  while (url) {
    if (seen.has(url)) throw new SyncFailure(`the source's next link goes back to a page already read (${url})`);
    seen.add(url);
    const what = `page ${request.budget.pages + 1}`;
    const page = await getPage(url, request.budget, {}, what);
    const text = page.body.toString('utf8');
    const json = pageJson(page, url, what) as ItemsPage;
    if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
      throw new SyncFailure(`${what} ${url} is not a GeoJSON FeatureCollection (an OGC API items page was expected)`);
    }
    if (announced === undefined && typeof json.numberMatched === 'number') announced = json.numberMatched;
    const offset = rows.length;
    for (const row of parseGeoJson(text, url)) rows.push({ ...row, row: row.row + offset });
    if (rows.length > request.limits.maxFeatures) {
      throw new SyncFailure(`the source holds more than ${request.limits.maxFeatures} features (ATLAS_SYNC_MAX_FEATURES)`);
    }
    // A page of no features ends the collection, whatever its links say (a server that always links a next page).
    url = json.features.length > 0 ? nextLink(json, url) : undefined;
  }
  if (announced !== undefined && announced !== rows.length) {
    throw new SyncFailure(`the source announced ${announced} features (numberMatched) but its pages held ${rows.length}; it may have changed while it was read`);
  }
  return { notModified: false, rows, format: 'geojson' };
}
