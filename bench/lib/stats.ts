// Timing and the summary statistics every figure is reported with (median and p95 of repeated runs).

export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank: p95 of 20 runs is the 19th, never an interpolated value nobody measured.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1];
}

export const median = (samples: readonly number[]) => quantile(samples, 0.5);
export const p95 = (samples: readonly number[]) => quantile(samples, 0.95);

export async function timeMs<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

/**
 * Runs `subject` and `baseline` alternately `runs` times (after `warmup` untimed rounds), so both see the same
 * background load on a shared machine; returns each one's durations in milliseconds.
 */
export async function paired(runs: number, subject: () => Promise<unknown>, baseline: () => Promise<unknown>, warmup = 1) {
  for (let i = 0; i < warmup; i++) {
    await baseline();
    await subject();
  }
  const subjectMs: number[] = [];
  const baselineMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always benefits from the other's warm caches.
    if (i % 2 === 0) {
      baselineMs.push((await timeMs(baseline)).ms);
      subjectMs.push((await timeMs(subject)).ms);
    } else {
      subjectMs.push((await timeMs(subject)).ms);
      baselineMs.push((await timeMs(baseline)).ms);
    }
  }
  return { subjectMs, baselineMs };
}

export async function repeat(runs: number, work: () => Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await timeMs(work)).ms);
  return samples;
}
