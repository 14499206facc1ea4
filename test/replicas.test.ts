// Reads on a real streaming replica (pg_basebackup -R of the test server, started on another loopback port): routing,
// read-your-writes, lag, and the replica going away, each without an error reaching the caller.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Database } from '../server/db/database.js';
import { SERVER_STORE_INSTALL } from './support/stores.js';

const BASE_URL = process.env.DATABASE_URL;
const BIN = '/usr/lib/postgresql/15/bin';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the postgres user (the server refuses to run as root). */
function asPostgres(tool: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync('runuser', ['-u', 'postgres', '--', path.join(BIN, tool), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

interface Replica {
  url: string;
  dataDir: string;
  stop(): void;
}

/** A hot standby of the whole test server in a temporary folder, streaming from it. */
async function startReplica(primaryUrl: URL, databaseName: string): Promise<Replica> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-replica-'));
  fs.chmodSync(dataDir, 0o700);
  execFileSync('chown', ['postgres:postgres', dataDir]);
  asPostgres('pg_basebackup', ['-h', primaryUrl.hostname, '-p', primaryUrl.port || '5432', '-U', decodeURIComponent(primaryUrl.username), '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast'], {
    PGPASSWORD: decodeURIComponent(primaryUrl.password),
  });
  // Debian keeps the server's configuration in /etc, so the copy has none of its own: the least a standby needs, with
  // the settings a standby may not have lower than its primary copied from it.
  const settings = await onServer(primaryUrl.toString(), `SELECT name, setting FROM pg_settings WHERE name IN
    ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')`);
  const copied = settings.map((r) => `${r.name} = ${r.setting}`).join('\n');
  fs.writeFileSync(path.join(dataDir, 'postgresql.conf'), `hot_standby = on\nlisten_addresses = '127.0.0.1'\nshared_buffers = 32MB\n${copied}\n`);
  fs.writeFileSync(path.join(dataDir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n');
  fs.writeFileSync(path.join(dataDir, 'pg_ident.conf'), '');
  execFileSync('chown', ['-R', 'postgres:postgres', dataDir]);
  const port = await freePort();
  const log = path.join(dataDir, 'replica.log');
  try {
    asPostgres('pg_ctl', ['-D', dataDir, '-l', log, '-o', `-p ${port} -k ${dataDir}`, '-w', '-t', '120', 'start']);
  } catch (error) {
    const tail = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').slice(-8).join('\n') : '';
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  const url = new URL(primaryUrl);
  url.port = String(port);
  url.pathname = `/${databaseName}`;
  let stopped = false;
  return {
    url: url.toString(),
    dataDir,
    stop() {
      if (stopped) return;
      stopped = true;
      asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    },
  };
}

async function onServer(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe('replicas, embedded store', () => {
  it('ignores replica URLs: the embedded store is one process, every statement runs on it', async () => {
    const db = await Database.open({ replicaUrls: ['postgres://postgres@127.0.0.1:1/none'] });
    try {
      expect(db.replicas).toBeUndefined();
      const { rows } = await db.query<{ n: number }>('SELECT 40 + 2 AS n');
      expect(rows[0].n).toBe(42);
    } finally {
      await db.close();
    }
  });
});

// Needs a PostgreSQL server to stream from: skipped by name, with the line that gets it run, when there is none.
describe.skipIf(!BASE_URL)(BASE_URL ? 'replicas, a real streaming replica on loopback' : `replicas, a real streaming replica on loopback: skipped (${SERVER_STORE_INSTALL})`, () => {
  const name = `atlas_replica_${crypto.randomBytes(5).toString('hex')}`;
  const primaryUrl = new URL(BASE_URL ?? 'postgres://no-server/');
  primaryUrl.pathname = `/${name}`;
  let replica: Replica;
  let db: Database;
  const notices: string[] = [];

  beforeAll(async () => {
    await onServer(BASE_URL!, `CREATE DATABASE ${name}`);
    // The schema exists before the copy is taken, so the replica has it too.
    const setup = await Database.open({ url: primaryUrl.toString(), maxConnections: 2 });
    await setup.query('CREATE TABLE replica_probe (n integer NOT NULL)');
    await setup.close();
    replica = await startReplica(primaryUrl, name);
    vi.spyOn(console, 'warn').mockImplementation((message: string) => void notices.push(String(message)));
    db = await Database.open({ url: primaryUrl.toString(), maxConnections: 4, replicaUrls: [replica.url], replicaMaxLagMs: 300 });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await db?.close();
    replica?.stop();
    if (replica) fs.rmSync(replica.dataDir, { recursive: true, force: true });
    await onServer(BASE_URL!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('sends reads to the replica and writes to the primary', async () => {
    expect(db.replicas!.status()[0].healthy).toBe(true);
    const read = await db.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    expect(read.rows[0].standby).toBe(true);
    await db.query('INSERT INTO replica_probe (n) VALUES (1)');
    const onPrimary = await onServer(primaryUrl.toString(), 'SELECT count(*)::int AS n FROM replica_probe');
    expect(onPrimary[0].n).toBe(1);
  });

  it('reads its own writes: right after a transaction commits, a read sees it', async () => {
    await db.transaction(async (client) => {
      await client.query('INSERT INTO replica_probe (n) VALUES (2), (3)');
    });
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM replica_probe WHERE n IN (2, 3)');
    expect(rows[0].n).toBe(2);
  });

  it('reads from the primary, with a log line, while the replica lags more than the limit, and goes back when it catches up', async () => {
    await onServer(replica.url, 'SELECT pg_wal_replay_pause()');
    // Written behind the hub's back, so only the lag check can know the replica misses it.
    await onServer(primaryUrl.toString(), 'INSERT INTO replica_probe (n) VALUES (4)');
    await db.replicas!.check();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await db.replicas!.check();
    expect(db.replicas!.status()[0]).toMatchObject({ healthy: false });
    expect(notices.some((n) => /replica 127\.0\.0\.1:\d+ is not serving reads: it is [\d.]+ s behind the primary/.test(n))).toBe(true);
    const { rows } = await db.query<{ standby: boolean; n: number }>('SELECT pg_is_in_recovery() AS standby, (SELECT count(*)::int FROM replica_probe WHERE n = 4) AS n');
    expect(rows[0]).toEqual({ standby: false, n: 1 });

    await onServer(replica.url, 'SELECT pg_wal_replay_resume()');
    // Other databases on the shared test server keep writing, so catching up can take a few seconds here.
    for (let i = 0; i < 150 && !db.replicas!.status()[0].healthy; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await db.replicas!.check();
    }
    expect(db.replicas!.status()[0]).toMatchObject({ healthy: true });
    const after = await db.query<{ standby: boolean; n: number }>('SELECT pg_is_in_recovery() AS standby, (SELECT count(*)::int FROM replica_probe WHERE n = 4) AS n');
    expect(after.rows[0]).toEqual({ standby: true, n: 1 });
  });

  it('answers from the primary, without an error, when the replica goes away between checks', async () => {
    expect(db.replicas!.status()[0].healthy).toBe(true);
    replica.stop();
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM replica_probe');
    expect(rows[0].n).toBe(4);
    expect(db.replicas!.status()[0].healthy).toBe(false);
    expect(notices.some((n) => /\[db\] replica 127\.0\.0\.1:\d+ is not serving reads: .*Reading from the primary\./.test(n))).toBe(true);
    // The next health check still finds it gone; reads keep working.
    await db.replicas!.check();
    const again = await db.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
    expect(again.rows[0].standby).toBe(false);
  });
});
