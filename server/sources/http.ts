// Reads one page of a source over http or https, within the sync's byte budget and deadline; anything else is refused.
import crypto from 'node:crypto';
import { formatBytes } from '../ingest/limits.js';

/** Why a sync was not applied: the sentence the run records and the admin's page shows. */
export class SyncFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export function checkSourceUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SyncFailure(`"${url}" is not a URL: give the full address, starting with http:// or https://.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SyncFailure(`${url}: only http and https sources are read (this one is ${parsed.protocol.replace(/:$/, '')}).`);
  }
  return parsed;
}

/** What every page of one sync shares: bytes and pages so far, one hash over them all in order, the deadline. */
export class ReadBudget {
  pages = 0;
  bytes = 0;
  private readonly hash = crypto.createHash('sha256');

  constructor(readonly maxBytes: number, readonly signal: AbortSignal) {}

  count(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    this.hash.update(chunk);
  }

  sha256(): string {
    return this.hash.copy().digest('hex');
  }
}

export interface Page {
  status: number;
  body: Buffer;
  contentType: string;
  etag?: string;
  lastModified?: string;
}

/** GETs `url`: a status other than 200 (or 304 when asked conditionally) is a failure that names the page. */
export async function getPage(url: string, budget: ReadBudget, headers: Record<string, string> = {}, what = 'page'): Promise<Page> {
  checkSourceUrl(url);
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/geo+json, application/json;q=0.9, */*;q=0.5', ...headers }, signal: budget.signal, redirect: 'follow' });
  } catch (error) {
    if (budget.signal.aborted) throw new SyncFailure(`the sync took longer than its limit while reading ${what} ${url}; raise ATLAS_SYNC_TIMEOUT_MS or ask the department for a faster service`);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new SyncFailure(`the source could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message}) at ${what} ${url}`);
  }
  if (response.status !== 200 && response.status !== 304) {
    await response.body?.cancel().catch(() => {});
    throw new SyncFailure(`the source answered ${response.status} ${response.statusText} to ${what} ${url}`);
  }
  const chunks: Buffer[] = [];
  if (response.body) {
    try {
      for await (const chunk of response.body) {
        budget.count(chunk);
        if (budget.bytes > budget.maxBytes) {
          await response.body.cancel().catch(() => {});
          throw new SyncFailure(`the source sent more than ${formatBytes(budget.maxBytes)} (ATLAS_SYNC_MAX_BYTES) by ${what} ${url}`);
        }
        chunks.push(Buffer.from(chunk));
      }
    } catch (error) {
      if (error instanceof SyncFailure) throw error;
      if (budget.signal.aborted) throw new SyncFailure(`the sync took longer than its limit while reading ${what} ${url}; raise ATLAS_SYNC_TIMEOUT_MS`);
      throw new SyncFailure(`the connection broke while reading ${what} ${url} (${(error as Error).message})`);
    }
  }
  budget.pages++;
  return {
    status: response.status,
    body: Buffer.concat(chunks),
    contentType: response.headers.get('content-type') ?? '',
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
  };
}

/** A page's JSON; a body that does not parse is a page cut short. */
export function pageJson(page: Page, url: string, what = 'page'): unknown {
  try {
    return JSON.parse(page.body.toString('utf8'));
  } catch (error) {
    throw new SyncFailure(`${what} ${url} is not valid JSON (${(error as Error).message}); the answer may be cut short`);
  }
}
