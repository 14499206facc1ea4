import { describe, expect, it } from 'vitest';
import { reachedDistances } from './walk-search.js';

describe('reachedDistances', () => {
  // A square 0-1-2-3 of 100 m sides, and a 300 m spur 2-4; the stop stands 30 m from node 0 on edge 0-1.
  const edges = [
    { id: 1, source: 0, target: 1, lengthM: 100 },
    { id: 2, source: 1, target: 2, lengthM: 100 },
    { id: 3, source: 2, target: 3, lengthM: 100 },
    { id: 4, source: 3, target: 0, lengthM: 100 },
    { id: 5, source: 2, target: 4, lengthM: 300 },
  ];

  it('reaches each node by its shortest walk and leaves out the nodes beyond the radius', () => {
    const reached = reachedDistances(edges, [{ stopCode: 'S', edgeId: 1, positionM: 30 }], 250).get('S')!;
    expect(Object.fromEntries(reached)).toEqual({ 0: 30, 1: 70, 3: 130, 2: 170 });
  });

  it('gives a stop without an edge nothing', () => {
    expect(reachedDistances(edges, [{ stopCode: 'S', edgeId: 99, positionM: 0 }], 250).size).toBe(0);
  });
});
