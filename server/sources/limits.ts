// How much one sync may read and how long it may take; the README's settings table lists the variables and defaults.

export interface SyncLimits {
  /** Features asked for per page (OGC API `limit`, WFS `COUNT`). */
  pageSize: number;
  /** Bytes of every page together. */
  maxBytes: number;
  /** Features of the whole source. */
  maxFeatures: number;
  /** Wall time of one sync, from the first request to the commit. */
  timeoutMs: number;
  /** A sync that would remove more than this share of what the source sent last time is not applied. */
  maxDropShare: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name}=${raw}: give a positive number (default ${fallback}).`);
  return value;
}

/** ATLAS_SYNC_PAGE_SIZE, ATLAS_SYNC_MAX_BYTES, ATLAS_SYNC_MAX_FEATURES, ATLAS_SYNC_TIMEOUT_MS, ATLAS_SYNC_MAX_DROP_SHARE. */
export function syncLimits(): SyncLimits {
  return {
    pageSize: Math.floor(positive('ATLAS_SYNC_PAGE_SIZE', 1000)),
    maxBytes: positive('ATLAS_SYNC_MAX_BYTES', 512 * 1024 * 1024),
    maxFeatures: Math.floor(positive('ATLAS_SYNC_MAX_FEATURES', 1_000_000)),
    timeoutMs: positive('ATLAS_SYNC_TIMEOUT_MS', 10 * 60_000),
    maxDropShare: Math.min(1, positive('ATLAS_SYNC_MAX_DROP_SHARE', 0.2)),
  };
}
