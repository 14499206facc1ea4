// Reads a GeoJSON or CSV file published at a URL, asking only for a newer one when the server gave an ETag or date.
import { readImportFile } from '../ingest/read-file.js';
import type { FetchRequest, Fetched } from './fetched.js';
import { getPage, SyncFailure } from './http.js';

export async function fetchDocument(request: FetchRequest, format: 'geojson' | 'csv'): Promise<Fetched> {
  const conditional: Record<string, string> = {};
  if (request.etag) conditional['if-none-match'] = request.etag;
  if (request.lastModified) conditional['if-modified-since'] = request.lastModified;
  const page = await getPage(request.url, request.budget, conditional, 'the file');
  if (page.status === 304) return { notModified: true, rows: [], format, etag: request.etag ?? undefined, lastModified: request.lastModified ?? undefined };
  const name = new URL(request.url).pathname.split('/').pop() || request.url;
  const read = await readImportFile(page.body, name, { forced: format });
  if (read.rows.length > request.limits.maxFeatures) throw new SyncFailure(`the file holds ${read.rows.length} features; the limit is ${request.limits.maxFeatures} (ATLAS_SYNC_MAX_FEATURES)`);
  return { notModified: false, rows: read.rows, format, etag: page.etag, lastModified: page.lastModified };
}
