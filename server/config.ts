// The hub's settings, read once from the environment (PRODUCT.md "Settings are environment variables").
import path from 'node:path';
import { parseReplicaUrls } from './db/replicas.js';

export interface AtlasConfig {
  /** A real PostgreSQL + PostGIS server; undefined means the embedded store. */
  databaseUrl?: string;
  /** Where the embedded store keeps its files. */
  dataDir: string;
  port: number;
  /** The interface the hub listens on (HOST); `0.0.0.0`, every interface, by default: set 127.0.0.1 to keep it to this machine. */
  host: string;
  /** Seed the demo city into an empty store at first start. */
  demo: boolean;
  /** Camera range used where a camera's record has none. */
  defaultCameraRangeM: number;
  /** Streaming replicas for reads (DATABASE_REPLICA_URL, comma-separated); writes stay on DATABASE_URL. */
  replicaUrls: string[];
  /** How far behind the primary a replica may fall and still serve reads (ATLAS_REPLICA_MAX_LAG_MS, default 2000). */
  replicaMaxLagMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AtlasConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);
  }
  const host = (env.HOST ?? '0.0.0.0').trim();
  if (!/^[\w.:-]+$/.test(host)) {
    throw new Error(`HOST must be an address or a host name to listen on (0.0.0.0 for every interface, 127.0.0.1 for this machine only), not "${env.HOST}".`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.ATLAS_DATA_DIR || './data'),
    port,
    host,
    demo: (env.ATLAS_DEMO ?? 'on').toLowerCase() !== 'off',
    defaultCameraRangeM: Number(env.ATLAS_CAMERA_RANGE_M ?? 50),
    replicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URL),
    replicaMaxLagMs: Number(env.ATLAS_REPLICA_MAX_LAG_MS ?? 2000),
  };
}
