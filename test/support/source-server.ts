// A department's server on loopback for sync tests: serves a FeatureCollection as OGC API – Features pages (rel=next)
// and as a whole GeoJSON file (with an ETag), and misbehaves on request (a 500, a page cut short, closed).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault = 'none' | 'error-on-page-2' | 'truncated' | 'down';

export interface SourceServer {
  url: string;
  collectionUrl: string;
  fileUrl: string;
  features: GeoJSON.Feature[];
  fault: Fault;
  /** Requests answered, by path and query. */
  requests: string[];
  close(): Promise<void>;
}

/** Bus stops around Shenyang's centre, numbered: code S0001…, name 站n, a position from a formula the test can repeat. */
export function busStops(count: number, offset = 0): GeoJSON.Feature[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + offset;
    return {
      type: 'Feature', id: `S${String(n).padStart(4, '0')}`,
      properties: { code: `S${String(n).padStart(4, '0')}`, name: `站${n}` },
      geometry: { type: 'Point', coordinates: [123.40 + (n % 50) * 0.002, 41.78 + Math.floor(n / 50) * 0.002] },
    };
  });
}

export async function startSourceServer(features: GeoJSON.Feature[]): Promise<SourceServer> {
  const state: SourceServer = { url: '', collectionUrl: '', fileUrl: '', features, fault: 'none', requests: [], close: async () => {} };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    state.requests.push(url.pathname + url.search);
    if (state.fault === 'down') {
      request.socket.destroy();
      return;
    }
    if (url.pathname === '/collections/stops/items') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      if (state.fault === 'error-on-page-2' && offset > 0) {
        response.writeHead(500).end('internal error');
        return;
      }
      const page = state.features.slice(offset, offset + limit);
      const links = offset + limit < state.features.length ? [{ rel: 'next', type: 'application/geo+json', href: `${state.url}/collections/stops/items?limit=${limit}&offset=${offset + limit}` }] : [];
      let body = JSON.stringify({ type: 'FeatureCollection', features: page, links, numberMatched: state.features.length, numberReturned: page.length });
      if (state.fault === 'truncated' && offset > 0) body = body.slice(0, Math.floor(body.length / 2));
      response.writeHead(200, { 'content-type': 'application/geo+json' }).end(body);
      return;
    }
    if (url.pathname === '/stops.geojson') {
      const body = JSON.stringify({ type: 'FeatureCollection', features: state.features });
      const etag = `"${crypto.createHash('sha1').update(body).digest('hex')}"`;
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/geo+json', etag }).end(state.fault === 'truncated' ? body.slice(0, body.length - 10) : body);
      return;
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.collectionUrl = `${state.url}/collections/stops`;
  state.fileUrl = `${state.url}/stops.geojson`;
  state.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}
