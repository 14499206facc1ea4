// How big a file the importer accepts: the hub's upload limits (server/limits/upload-limits.ts), and its archive check.
import type AdmZip from 'adm-zip';
import { checkArchive, UPLOAD_LIMITS } from '../limits/upload-limits.js';
import { ImportRefusedError } from './rows.js';

export interface ImportLimits {
  maxBytes: number;
  maxFeatures: number;
}

/** ATLAS_MAX_UPLOAD_BYTES and ATLAS_MAX_FEATURES, read when the hub starts. */
export function importLimits(): ImportLimits {
  return { maxBytes: UPLOAD_LIMITS.maxBytes, maxFeatures: UPLOAD_LIMITS.maxFeatures };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;
}

/** Refuses a zip whose directory announces a bomb (too many entries or bytes, absurd compression) before unpacking it. */
export function checkZip(zip: AdmZip, file: string): void {
  try {
    checkArchive(zip.getEntries().map((e) => ({ name: e.entryName, compressedSize: e.header.compressedSize, size: e.header.size })));
  } catch (error) {
    throw new ImportRefusedError(file, [{ row: 0, message: (error as Error).message }], 'Zip only the layer\'s own files and import again; nothing was written.');
  }
}
