// The per-request context: the store, the caller, and this request's DataLoaders.
import DataLoader from 'dataloader';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Viewer } from '../auth/viewer.js';

export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  /** The request's loader for `key`, created on first use with `batch`. */
  get<K, V>(key: string, batch: (keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { maxBatchSize: 10_000 }) as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

export interface AtlasContext {
  db: Database;
  config: AtlasConfig;
  viewer: Viewer;
  loaders: Loaders;
}

export function createContext(db: Database, config: AtlasConfig, viewer: Viewer): AtlasContext {
  return { db, config, viewer, loaders: new Loaders() };
}
