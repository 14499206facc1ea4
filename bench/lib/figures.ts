// What the harness reports: one figure per row, with its baseline from the same run and the target.
import { median, p95 } from './stats.js';

export type Unit = 'ms' | 'features/s' | 'req/s' | 'x';

export interface Measure {
  label: string;
  median: number;
  p95: number;
  runs: number;
}

export interface Figure {
  section: string;
  name: string;
  unit: Unit;
  subject?: Measure;
  baseline?: Measure;
  /**
   * subject ÷ baseline of the medians. For times, above 1 means slower than the baseline;
   * for throughputs (features/s, req/s), above 1 means more work per second than the baseline.
   */
  ratio?: number;
  /** The target, as text, and whether this run met it (never asserted: a benchmark, not a test). */
  target?: string;
  met?: boolean;
  /** Set instead of the numbers when the row could not be measured, saying why. */
  notMeasured?: string;
  note?: string;
}

export function measureOf(label: string, samples: readonly number[]): Measure {
  return { label, median: median(samples), p95: p95(samples), runs: samples.length };
}

export function compared(section: string, name: string, unit: Unit, subject: Measure, baseline?: Measure, extra: Partial<Figure> = {}): Figure {
  const ratio = baseline && baseline.median > 0 ? subject.median / baseline.median : undefined;
  return { section, name, unit, subject, baseline, ratio, ...extra };
}

export function notMeasured(section: string, name: string, why: string, unit: Unit = 'ms'): Figure {
  return { section, name, unit, notMeasured: why };
}

/** Thrown by a section when what it measures does not exist (yet) or cannot run here. */
export class NotMeasured extends Error {}
