// Orders points along a Hilbert curve, so that consecutive runs of them form compact groups (streets, towns).

const ORDER = 10;
const SIDE = 1 << ORDER;

function hilbertIndex(column: number, row: number): number {
  let x = column;
  let y = row;
  let index = 0;
  for (let s = SIDE / 2; s > 0; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    index += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = SIDE - 1 - x;
        y = SIDE - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return index;
}

/** Splits items into `groups` runs of nearly equal size along the Hilbert curve over their bounding box. */
export function groupByHilbert<T extends { x: number; y: number }>(items: readonly T[], groups: number): T[][] {
  if (items.length === 0) return [];
  const xs = items.map((i) => i.x);
  const ys = items.map((i) => i.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const span = Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY) || 1;
  const cell = (value: number, min: number) => Math.min(SIDE - 1, Math.floor(((value - min) / span) * SIDE));
  const ordered = items
    .map((item, position) => ({ item, position, index: hilbertIndex(cell(item.x, minX), cell(item.y, minY)) }))
    .sort((a, b) => a.index - b.index || a.position - b.position)
    .map((entry) => entry.item);
  const count = Math.max(1, Math.min(groups, ordered.length));
  return Array.from({ length: count }, (_, g) => ordered.slice(Math.floor((g * ordered.length) / count), Math.floor(((g + 1) * ordered.length) / count)));
}
