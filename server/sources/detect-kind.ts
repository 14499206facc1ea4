// Which kind of service a URL is: from its shape where that says (…/collections/…, SERVICE=WFS, .geojson, .csv), else
// from what it answers.
import { badInput } from '../errors.js';
import type { SourceKind } from './fetched.js';
import { ReadBudget, getPage } from './http.js';

export function kindFromUrl(url: URL): SourceKind | undefined {
  const path = url.pathname.toLowerCase();
  if ([...url.searchParams].some(([key, value]) => key.toLowerCase() === 'service' && value.toLowerCase() === 'wfs')) return 'WFS';
  if (/\/collections\/[^/]+(\/items)?\/?$/.test(path)) return 'OGCAPI';
  if (/\.(geo)?json$/.test(path)) return 'GEOJSON';
  if (/\.csv$/.test(path)) return 'CSV';
  if (/\/wfs\/?$/.test(path)) return 'WFS';
  return undefined;
}

export function kindFromAnswer(contentType: string, head: string): SourceKind | undefined {
  const text = head.trimStart();
  if (/WFS_Capabilities|wfs:FeatureCollection/.test(text)) return 'WFS';
  if (text.startsWith('{')) return /"links"\s*:/.test(text) && /"numberMatched"|"numberReturned"|rel"\s*:\s*"next"/.test(text) ? 'OGCAPI' : 'GEOJSON';
  if (/text\/csv/i.test(contentType) || (/^[^<{[]/.test(text) && text.includes(','))) return 'CSV';
  return undefined;
}

/** The kind of a source, asking the URL once when its shape does not tell. */
export async function detectKind(url: string): Promise<SourceKind> {
  const parsed = new URL(url);
  const fromUrl = kindFromUrl(parsed);
  if (fromUrl) return fromUrl;
  const budget = new ReadBudget(8 * 1024 * 1024, AbortSignal.timeout(30_000));
  let found: SourceKind | undefined;
  try {
    const page = await getPage(url, budget, {}, 'the address');
    found = kindFromAnswer(page.contentType, page.body.subarray(0, 64 * 1024).toString('utf8'));
  } catch (error) {
    throw badInput(`The kind of ${url} could not be told (${(error as Error).message}); give it with --kind OGCAPI, WFS, GEOJSON or CSV.`);
  }
  if (!found) throw badInput(`The kind of ${url} could not be told from its answer; give it with --kind OGCAPI, WFS, GEOJSON or CSV.`);
  return found;
}
