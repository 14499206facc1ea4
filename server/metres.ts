// Every argument in metres is checked here, by every face (GraphQL, tiles, exports), with one sentence for a bad one.
import { badInput } from './errors.js';

/** The farthest distance any argument may ask for: beyond it a query reads most of a city for one area. */
export const MAX_DISTANCE_M = 5000;

export interface MetresBounds {
  /** The least value allowed (default 0). */
  min?: number;
  /** Whether `min` itself is refused (a radius of 0 measures nothing). */
  aboveMin?: boolean;
  /** The largest value allowed (default MAX_DISTANCE_M). */
  max?: number;
}

/** `value` as a distance in metres within `bounds`, or BAD_USER_INPUT naming `name` and the range. */
export function checkMetres(name: string, value: unknown, { min = 0, aboveMin = false, max = MAX_DISTANCE_M }: MetresBounds = {}): number {
  const metres = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  const ok = typeof metres === 'number' && Number.isFinite(metres) && (aboveMin ? metres > min : metres >= min) && metres <= max;
  if (!ok) {
    const range = aboveMin ? `above ${min} and at most ${max}` : `from ${min} to ${max}`;
    throw badInput(`${name} must be a distance in metres ${range}; got ${typeof value === 'string' ? `"${value}"` : String(value)}.`);
  }
  return metres as number;
}
