// Hubs to measure: one in this process (its SQL can be logged), or separate processes (load, cluster) on a free port.
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import type { Database } from '../../server/db/database.js';
import { createApp, listen } from '../../server/app.js';
import { readConfig } from '../../server/config.js';
import type { Viewer } from '../../server/auth/viewer.js';

export interface GraphqlResponse {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface BenchHub {
  url: string;
  headers: Record<string, string>;
  gql(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse>;
  close(): Promise<void>;
  /** The last lines a hub in its own process printed (to explain a failure); empty for an in-process hub. */
  output?(): string;
}

export const ANALYST: Viewer = { role: 'analyst' };

/**
 * GraphQL over node:http on kept-alive sockets. (Until 21 Nov this was `fetch`, whose undici machinery cost 0.58 ms a
 * request against 0.29 ms for node:http on this machine: time charged to the hub in "GraphQL ÷ its raw SQL". The tile
 * bench made the same change.)
 */
function client(url: string, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL('/graphql', url);
  return (query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ query, variables });
      const request = http.request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphqlResponse);
            } catch (error) {
              reject(new Error(`${target.href} answered ${response.statusCode} with a body that is not JSON: ${(error as Error).message}`));
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
}

/** The hub in this process, reading as an analyst (sees everything, as the typical users' queries need). */
export async function startInProcessHub(db: Database, viewer: Viewer = ANALYST): Promise<BenchHub> {
  const config = { ...readConfig({}), port: 0, demo: false, dataDir: path.resolve('bench/.work/hub-data') };
  const atlas = await createApp(db, config, () => viewer);
  const port = await listen(atlas, 0);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    headers: {},
    gql: client(url, {}),
    async close() {
      await atlas.apollo.stop();
      atlas.httpServer.closeAllConnections?.();
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function analystToken(secret: string): Promise<string | undefined> {
  try {
    const { signToken } = await import('../../server/auth/token.js');
    return signToken({ role: 'analyst', days: 1 }, secret);
  } catch {
    return undefined;
  }
}

export interface ChildHubOptions {
  databaseUrl?: string;
  /** node:cluster workers (server/cluster.ts); undefined runs server/main.ts, one process. */
  workers?: number;
  env?: Record<string, string>;
  say?: (message: string) => void;
}

/** A hub in its own process (or a cluster of them), so load generation does not share its event loop. */
export async function startChildHub(options: ChildHubOptions): Promise<BenchHub> {
  const port = await freePort();
  const secret = crypto.randomBytes(32).toString('hex');
  const entry = options.workers ? 'server/cluster.ts' : 'server/main.ts';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: {
      // As deployed (and as PostGraphile runs beside it, GRAPHILE_ENV=production): graphql-js's development-mode
      // checks (a realm check on every type test) are off in production.
      NODE_ENV: 'production',
      ...process.env,
      PORT: String(port),
      ATLAS_DEMO: 'off',
      ATLAS_JWT_SECRET: secret,
      ATLAS_DATA_DIR: path.resolve('bench/.work/hub-data'),
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...(options.workers ? { ATLAS_WORKERS: String(options.workers) } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the hub (${entry}) exited with ${child.exitCode}: ${output.slice(-800)}`);
    if (Date.now() > deadline) {
      stopProcessGroup(child);
      throw new Error(`the hub (${entry}) was not ready within 120 s: ${output.slice(-800)}`);
    }
    const ready = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    // A cluster answers /health from its first worker: wait until every worker said it is ready.
    const workersReady = options.workers ? (output.match(/ready/gi)?.length ?? 0) >= options.workers : true;
    if (ready && workersReady) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const token = await analystToken(secret);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return {
    url,
    headers,
    gql: client(url, headers),
    output: () => `${child.exitCode !== null ? `(exited with ${child.exitCode}) ` : ''}${output.slice(-1500)}`,
    async close() {
      stopProcessGroup(child);
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    },
  };
}

/** Stops the hub we started and its workers: only that process group, by its id. */
function stopProcessGroup(child: ChildProcess) {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}
