// The `atlas import` command: reads the file, shows progress on a terminal, prints a one-screen summary, writes rejects.
import fs from 'node:fs';
import cliProgress from 'cli-progress';
import type { Database } from '../db/database.js';
import { AtlasError, AtlasErrorCode, badInput } from '../errors.js';
import { layerByName } from '../layers.js';
import { importFile, type ImportPhase, type ImportProgress } from '../ingest/import.service.js';
import { importLimits, formatBytes } from '../ingest/limits.js';
import { writeRejects } from '../ingest/rejects.js';
import { summaryLines } from '../ingest/report.js';

export interface ImportCommandOptions {
  crs?: string;
  format?: string;
  encoding?: string;
  map?: Record<string, string>;
  source?: string;
  replace?: boolean;
  skipInvalid?: boolean;
  sheet?: string;
  generateCodes?: boolean;
}

const PHASE_LABEL: Record<ImportPhase, string> = { read: 'reading', check: 'checking rows', stage: 'staging', write: 'writing', link: 'linking' };

/** A progress bar on a terminal; one line per phase otherwise (logs, pipes, the tests that watch a child process). */
function progressReporter(): { update(progress: ImportProgress): void; stop(): void } {
  let phase: ImportPhase | undefined;
  if (!process.stderr.isTTY) {
    return {
      update(progress) {
        if (progress.phase !== phase) process.stderr.write(`${PHASE_LABEL[progress.phase]}…\n`);
        phase = progress.phase;
      },
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar({ format: '{phase} [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(progress) {
      const payload = { phase: PHASE_LABEL[progress.phase].padEnd(13) };
      if (!started) bar.start(Math.max(1, progress.total), progress.done, payload);
      else if (progress.phase !== phase) bar.setTotal(Math.max(1, progress.total));
      started = true;
      phase = progress.phase;
      bar.update(progress.done, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** What to do when another process (the running hub) owns the embedded store. */
export function storeLockedAdvice(error: AtlasError): string {
  return [
    error.message,
    'To import while the hub is running, send the file to the hub instead (an admin token is needed), e.g.:',
    `  the GraphQL mutation importFile(input: { layer, fileName, contentBase64, … }) at ${error.extensions.hubUrl ? `${error.extensions.hubUrl}graphql` : 'the hub\'s /graphql'},`,
    'or stop the hub, run `npx atlas import` again, and start the hub.',
  ].join('\n');
}

export async function runImportCommand(openStore: () => Promise<Database>, layerName: string, file: string, options: ImportCommandOptions): Promise<void> {
  const layer = layerByName(layerName);
  if (!fs.existsSync(file)) throw badInput(`${file}: no such file.`);
  const { size } = fs.statSync(file);
  const limits = importLimits();
  if (size > limits.maxBytes) throw badInput(`${file} is ${formatBytes(size)}; the import limit is ${formatBytes(limits.maxBytes)}. Split the file, or raise ATLAS_MAX_UPLOAD_BYTES.`);
  let db: Database;
  try {
    db = await openStore();
  } catch (error) {
    if (error instanceof AtlasError && error.code === AtlasErrorCode.StoreLocked) throw new AtlasError(AtlasErrorCode.StoreLocked, storeLockedAdvice(error));
    throw error;
  }
  const progress = progressReporter();
  try {
    const summary = await importFile(db, {
      layer: layer.name, fileName: file, content: fs.readFileSync(file), format: options.format, crs: options.crs, encoding: options.encoding,
      fieldMap: options.map, source: options.source, replace: options.replace, skipInvalid: options.skipInvalid,
      sheet: options.sheet, generateCodes: options.generateCodes, actor: `cli:${process.env.USER ?? 'unknown'}`,
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const rejectsPath = summary.rejected.length ? writeRejects(file, summary.rejected) : undefined;
    console.log(summaryLines(summary, rejectsPath).join('\n'));
  } finally {
    progress.stop();
    await db.close();
  }
}
