// The embedded PostGIS (PGlite + PostGIS), served on a loopback port so the same `pg` code reaches it.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { AtlasError, AtlasErrorCode } from '../errors.js';
import { forgetHubAddress, recordedHubUrl } from './hub-address.js';

export interface EmbeddedServer {
  port: number;
  stop(): Promise<void>;
}

const LOCK_FILE = 'atlas.lock';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One process owns an embedded store; a second one is told who holds it instead of corrupting it. */
function takeLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }), { flag: 'wx' });
      return () => {
        forgetHubAddress(dataDir);
        fs.rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let holder: { pid?: number } = {};
      try {
        holder = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
      } catch {
        /* a lock file cut short by a crash: treat as stale */
      }
      if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
        const hubUrl = recordedHubUrl(dataDir, holder.pid);
        throw new AtlasError(
          AtlasErrorCode.StoreLocked,
          `The embedded store in ${dataDir} is in use by process ${holder.pid} ${hubUrl ? `(the hub at ${hubUrl})` : '(the running hub?)'}. ` +
            'Stop that process first, or use the hub\'s import mutation, or point DATABASE_URL at a PostGIS server.',
          hubUrl ? { hubUrl } : {},
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new AtlasError(AtlasErrorCode.StoreLocked, `Could not lock the embedded store in ${dataDir}.`);
}

/**
 * Opens the store at `dataDir` (or in memory when `dataDir` is undefined) and serves it on 127.0.0.1.
 * PGlite is a single-connection engine and its socket multiplexer mixes up concurrent queries,
 * so callers must use exactly one client connection.
 */
export async function startEmbedded(dataDir?: string): Promise<EmbeddedServer> {
  const releaseLock = dataDir ? takeLock(dataDir) : () => {};
  try {
    const db = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      extensions: { postgis },
    });
    await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
    // The pool uses one connection at a time, but pg-pool replaces a connection after any SQL error,
    // and the replacement can arrive before the server has seen the old one close: leave room for it.
    const server = new PGLiteSocketServer({
      db,
      host: '127.0.0.1',
      port: 0,
      maxConnections: 4,
      debug: process.env.ATLAS_DEBUG_SOCKET === '1',
      inspect: process.env.ATLAS_DEBUG_SOCKET === '2',
    });
    await server.start();
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    return {
      port: address.port,
      async stop() {
        await server.stop();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
