// How big an uploaded file may be, how many features it may hold, and the zip-bomb check for Shapefile/GTFS archives.
import { badInput } from '../errors.js';

export interface UploadLimits {
  /** Bytes of the file as sent. */
  maxBytes: number;
  /** Features (rows) in one file. */
  maxFeatures: number;
  /** Bytes of all entries of an archive once unpacked. */
  maxUnpackedBytes: number;
  /** Unpacked / packed size of any entry: real Shapefiles and GTFS compress 3–20×, bombs 1000×. */
  maxCompressionRatio: number;
  /** Entries in an archive. */
  maxEntries: number;
}

export const UPLOAD_LIMITS: UploadLimits = {
  maxBytes: Number(process.env.ATLAS_MAX_UPLOAD_BYTES ?? 200 * 1024 * 1024),
  maxFeatures: Number(process.env.ATLAS_MAX_FEATURES ?? 1_000_000),
  maxUnpackedBytes: 2 * 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxEntries: 1000,
};

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function checkUploadSize(bytes: number, limits = UPLOAD_LIMITS): void {
  if (bytes > limits.maxBytes) throw badInput(`The file is ${mib(bytes)}; the hub takes at most ${mib(limits.maxBytes)} per upload. Split it, or raise ATLAS_MAX_UPLOAD_BYTES.`);
}

export function checkFeatureCount(count: number, limits = UPLOAD_LIMITS): void {
  if (count > limits.maxFeatures) throw badInput(`The file has ${count} features; the hub takes at most ${limits.maxFeatures} per import. Split it, or raise ATLAS_MAX_FEATURES.`);
}

export interface ArchiveEntry {
  name: string;
  /** Bytes stored in the archive. */
  compressedSize: number;
  /** Bytes the entry claims once unpacked (the central directory's figure; check again while inflating). */
  size: number;
}

/**
 * Refuses an archive before anything is unpacked when its directory announces a bomb: too many entries, too many
 * bytes in all, or an entry compressed far beyond what real data allows. With adm-zip: `zip.getEntries().map((e) =>
 * ({ name: e.entryName, compressedSize: e.header.compressedSize, size: e.header.size }))`.
 */
export function checkArchive(entries: readonly ArchiveEntry[], limits = UPLOAD_LIMITS): void {
  if (entries.length > limits.maxEntries) throw badInput(`The archive has ${entries.length} entries; at most ${limits.maxEntries} are accepted. Zip only the layer's files.`);
  let total = 0;
  for (const entry of entries) {
    if (entry.name.includes('..') || entry.name.startsWith('/')) throw badInput(`The archive entry "${entry.name}" points outside the archive; it was refused.`);
    total += entry.size;
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
      throw badInput(`The archive entry "${entry.name}" unpacks ${Math.round(ratio)}× larger than it is stored, which real data never does (a zip bomb?). It was refused.`);
    }
  }
  if (total > limits.maxUnpackedBytes) throw badInput(`The archive unpacks to ${mib(total)}; at most ${mib(limits.maxUnpackedBytes)} are accepted.`);
}
