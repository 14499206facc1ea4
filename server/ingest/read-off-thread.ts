// Reads an import file within the feature limit, and reads a big one on a worker thread, so that parsing it (seconds
// for a 200 MB file) never stops the hub from answering other requests.
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AtlasError, type AtlasErrorCode } from '../errors.js';
import { countFeaturesUpTo } from './count-features.js';
import type { ImportFormat } from './formats.js';
import { readImportFile, type FileRead } from './read-file.js';
import { ImportRefusedError, type RowProblem, type SourceRow } from './rows.js';

/** Files from this size on are read on a worker: below it, parsing takes less than starting one (about 0.3 s). */
export const OFF_THREAD_MIN_BYTES = 4 * 1024 * 1024;
/** Rows per message from the worker: the main thread takes each in a few milliseconds, between other requests. */
const ROWS_PER_MESSAGE = 20_000;

export interface ReadRequest {
  fileName: string;
  format?: ImportFormat;
  encoding?: string;
  /** The sheet of a workbook (or table of a GeoPackage) to read. */
  sheet?: string;
  maxFeatures: number;
}

const COUNT_HINT = 'Split the file, or raise ATLAS_MAX_FEATURES; nothing was written.';

/**
 * The file's rows, refused as soon as they pass the limit: a CSV or newline-delimited GeoJSON is counted on its
 * bytes before it is parsed (200 MB in about 0.2 s), other formats once parsed.
 */
export async function readWithinLimit(bytes: Buffer, request: ReadRequest): Promise<FileRead> {
  const { fileName, maxFeatures } = request;
  const counted = countFeaturesUpTo(bytes, fileName, request.format, maxFeatures);
  if (counted?.passed) {
    throw new ImportRefusedError(fileName, [{ row: counted.line, message: `the file has at least ${counted.features} features; the limit is ${maxFeatures} (passed at line ${counted.line}; the rest was not read)` }], COUNT_HINT);
  }
  const read = await readImportFile(bytes, fileName, { forced: request.format, encoding: request.encoding, sheet: request.sheet });
  if (read.rows.length > maxFeatures) {
    throw new ImportRefusedError(fileName, [{ row: 0, message: `the file has ${read.rows.length} features; the limit is ${maxFeatures}` }], COUNT_HINT);
  }
  return read;
}

export const sha256Of = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** An error as it crosses from the worker: structured cloning keeps neither classes nor their fields. */
export type WorkerFailure =
  | { kind: 'refused'; file: string; problems: RowProblem[]; hint: string }
  | { kind: 'atlas'; code: AtlasErrorCode; message: string; extensions: Record<string, unknown> }
  | { kind: 'other'; name: string; message: string };

export type WorkerMessage =
  | { type: 'sha256'; sha256: string }
  | { type: 'rows'; rows: SourceRow[] }
  | { type: 'done'; read: Omit<FileRead, 'rows'> }
  | { type: 'failed'; failure: WorkerFailure };

export function describeFailure(error: unknown): WorkerFailure {
  if (error instanceof ImportRefusedError) return { kind: 'refused', file: error.file, problems: error.problems, hint: error.hint };
  if (error instanceof AtlasError) {
    const { code: _code, ...extensions } = error.extensions;
    return { kind: 'atlas', code: error.code, message: error.message, extensions };
  }
  return { kind: 'other', name: (error as Error)?.name ?? 'Error', message: (error as Error)?.message ?? String(error) };
}

function rebuildFailure(failure: WorkerFailure): Error {
  if (failure.kind === 'refused') return new ImportRefusedError(failure.file, failure.problems, failure.hint);
  if (failure.kind === 'atlas') return new AtlasError(failure.code, failure.message, failure.extensions);
  return Object.assign(new Error(failure.message), { name: failure.name });
}

/** Posts the read's rows a part at a time, letting go of each part once it is sent. */
export function postRead(post: (message: WorkerMessage) => void, read: FileRead): void {
  const { rows, ...rest } = read;
  for (let start = 0; start < rows.length; start += ROWS_PER_MESSAGE) {
    const end = Math.min(rows.length, start + ROWS_PER_MESSAGE);
    post({ type: 'rows', rows: rows.slice(start, end) });
    rows.fill(undefined as unknown as SourceRow, start, end);
  }
  post({ type: 'done', read: rest });
}

/**
 * The reader's thread, started at the first big file and kept: starting one registers tsx and compiles the reader's
 * modules, which took 4 s a file (bench/NOTES.md, session 8). Jobs run one at a time, in order; the thread does not
 * keep the process alive (unref), and one that stops is started again at the next file.
 */
class ReaderThread {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 0;

  private start(): Worker {
    const worker = new Worker(new URL('./read-worker.boot.mjs', import.meta.url), {
      workerData: { entry: new URL('./read-worker.ts', import.meta.url).href },
      // The reader needs none of the hub's flags; an inherited --import of a .ts file would fail before tsx is registered.
      execArgv: [],
    });
    worker.unref();
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    // An error ends the thread ('exit' follows); the job that was reading hears it through its own listener.
    worker.on('error', () => {});
    return worker;
  }

  read(moved: Uint8Array, request: ReadRequest, onSha256: (sha256: string) => void): Promise<FileRead> {
    const job = this.queue.then(() => this.run(moved, request, onSha256));
    this.queue = job.catch(() => {});
    return job;
  }

  private run(moved: Uint8Array, request: ReadRequest, onSha256: (sha256: string) => void): Promise<FileRead> {
    const worker = (this.worker ??= this.start());
    const id = ++this.nextId;
    const rows: SourceRow[] = [];
    return new Promise<FileRead>((resolve, reject) => {
      const onMessage = ({ id: of, message }: { id: number; message: WorkerMessage }) => {
        if (of !== id) return;
        if (message.type === 'sha256') onSha256(message.sha256);
        else if (message.type === 'rows') for (const row of message.rows) rows.push(row);
        else if (message.type === 'done') finish(() => resolve({ ...message.read, rows }));
        else finish(() => reject(rebuildFailure(message.failure)));
      };
      const onError = (error: Error) => finish(() => reject(error));
      const onExit = (code: number) => finish(() => reject(new Error(`the reader stopped (exit code ${code}) before the file was read`)));
      const finish = (settle: () => void) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        settle();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      // While it reads, the thread keeps the process alive, as the read's promise does.
      worker.ref();
      worker.postMessage({ id, bytes: moved, request }, [moved.buffer as ArrayBuffer]);
    }).finally(() => worker.unref());
  }
}

const readerThread = new ReaderThread();

/**
 * Reads the file (on the reader's thread when it is big) and hashes it. `onSha256` hears the hash before the rows are
 * read, so a refused file's run is recorded with it.
 */
export async function readOffThread(bytes: Buffer, request: ReadRequest, onSha256: (sha256: string) => void, minBytes = OFF_THREAD_MIN_BYTES): Promise<FileRead> {
  if (bytes.length < minBytes) {
    onSha256(sha256Of(bytes));
    return readWithinLimit(bytes, request);
  }
  // The bytes' memory is moved to the thread, not copied (copying 200 MB held the hub up for 2 s on a busy machine):
  // the buffer is empty afterwards. A buffer that shares its memory with others (Node's pool) is copied instead.
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  const moved = owned ? new Uint8Array(bytes.buffer) : new Uint8Array(bytes);
  return readerThread.read(moved, request, onSha256);
}
