// What every benchmark section is given: the scale, the stores, the hubs over them, and a way to report progress.
import type { Figure } from './figures.js';
import type { BenchHub } from './hub.js';
import type { BenchScale, SeededStore } from './stores.js';

export interface BenchContext {
  scale: BenchScale;
  /** Timed repetitions per figure (fewer for the slow ones). */
  runs: number;
  /** The PostgreSQL server's maintenance URL (databases are created beside it). */
  baseUrl: string;
  server?: SeededStore;
  embedded?: SeededStore;
  /** In-process hubs over each store, reading as an analyst. */
  serverHub?: BenchHub;
  embeddedHub?: BenchHub;
  say(message: string): void;
}

export interface Section {
  name: string;
  run(ctx: BenchContext): Promise<Figure[]>;
}
