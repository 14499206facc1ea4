// Load: autocannon against a GraphQL endpoint, and the same concurrency of raw SQL replays; latencies and per-second throughput.
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';

export interface LoadResult {
  /** Completed requests in each whole second of the run. */
  perSecond: number[];
  latenciesMs: number[];
  total: number;
  failures: number;
}

/** `connections` clients sending `body` back to back for `seconds`; each answer is checked for HTTP 200. */
export async function graphqlLoad(url: string, headers: Record<string, string>, body: string, connections: number, seconds: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const started = Date.now();
  const buckets: number[] = [];
  let failures = 0;
  const instance = autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: seconds,
  }) as unknown as EventEmitter & PromiseLike<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode !== 200) failures++;
    latenciesMs.push(responseTime);
    const second = Math.floor((Date.now() - started) / 1000);
    buckets[second] = (buckets[second] ?? 0) + 1;
  });
  const result = await instance;
  failures += result.errors + result.timeouts;
  return { perSecond: wholeSeconds(buckets, seconds), latenciesMs, total: latenciesMs.length, failures };
}

function wholeSeconds(buckets: number[], seconds: number): number[] {
  return Array.from({ length: seconds }, (_, i) => buckets[i] ?? 0);
}

/** `connections` loops running `work` back to back for `seconds`: the same load shape without HTTP or GraphQL. */
export async function rawLoad(work: () => Promise<unknown>, connections: number, seconds: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const buckets: number[] = [];
  const started = Date.now();
  const until = started + seconds * 1000;
  let failures = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        try {
          await work();
        } catch {
          failures++;
        }
        latenciesMs.push(performance.now() - t);
        const second = Math.floor((Date.now() - started) / 1000);
        buckets[second] = (buckets[second] ?? 0) + 1;
      }
    }),
  );
  return { perSecond: wholeSeconds(buckets, seconds), latenciesMs, total: latenciesMs.length, failures };
}

/** Two loads in alternating short rounds (a, b, b, a, …), so both see the same background load on a shared machine. */
export async function pairedLoad(a: (seconds: number) => Promise<LoadResult>, b: (seconds: number) => Promise<LoadResult>, rounds: number, secondsPerRound: number) {
  const merged = (parts: LoadResult[]): LoadResult => ({
    perSecond: parts.flatMap((p) => p.perSecond),
    latenciesMs: parts.flatMap((p) => p.latenciesMs),
    total: parts.reduce((n, p) => n + p.total, 0),
    failures: parts.reduce((n, p) => n + p.failures, 0),
  });
  const aParts: LoadResult[] = [];
  const bParts: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      aParts.push(await a(secondsPerRound));
      bParts.push(await b(secondsPerRound));
    } else {
      bParts.push(await b(secondsPerRound));
      aParts.push(await a(secondsPerRound));
    }
  }
  return { a: merged(aParts), b: merged(bParts) };
}
