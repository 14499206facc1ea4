// The file reader's worker thread, started once and reused: for each job it hashes the file, reads it within the feature
// limit, and posts the rows in parts, each message tagged with the job's id.
import { parentPort } from 'node:worker_threads';
import { describeFailure, postRead, readWithinLimit, sha256Of, type ReadRequest, type WorkerMessage } from './read-off-thread.js';

parentPort!.on('message', async ({ id, bytes, request }: { id: number; bytes: Uint8Array; request: ReadRequest }) => {
  const post = (message: WorkerMessage) => parentPort!.postMessage({ id, message });
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    post({ type: 'sha256', sha256: sha256Of(buffer) });
    postRead(post, await readWithinLimit(buffer, request));
  } catch (error) {
    post({ type: 'failed', failure: describeFailure(error) });
  }
});
