// How big a file the importer accepts, from the environment (ATLAS_IMPORT_MAX_BYTES, ATLAS_IMPORT_MAX_FEATURES).

export interface ImportLimits {
  maxBytes: number;
  maxFeatures: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxBytes: 256 * 1024 * 1024, maxFeatures: 1_000_000 };

export function importLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const read = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name] && Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    maxBytes: read('ATLAS_IMPORT_MAX_BYTES', DEFAULT_IMPORT_LIMITS.maxBytes),
    maxFeatures: read('ATLAS_IMPORT_MAX_FEATURES', DEFAULT_IMPORT_LIMITS.maxFeatures),
  };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}
