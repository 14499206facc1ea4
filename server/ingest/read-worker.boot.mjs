// Starts the file reader's worker thread: registers tsx (the hub runs its TypeScript as it is), then loads the reader.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../tsconfig.json') });
await import(workerData.entry);
