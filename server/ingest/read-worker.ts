// The file reader's worker thread: hashes the file, reads it within the feature limit, and posts the rows in parts.
import { parentPort, workerData } from 'node:worker_threads';
import { describeFailure, postRead, readWithinLimit, sha256Of, type ReadRequest, type WorkerMessage } from './read-off-thread.js';

const { bytes, request } = workerData as { bytes: Uint8Array; request: ReadRequest };
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
try {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  post({ type: 'sha256', sha256: sha256Of(buffer) });
  postRead(post, await readWithinLimit(buffer, request));
} catch (error) {
  post({ type: 'failed', failure: describeFailure(error) });
}
