// The embedded store's network search (it has no pgRouting): Dijkstra from each stop's entry point, bounded by the radius.

export interface WalkEdge {
  id: number;
  source: number;
  target: number;
  lengthM: number;
}

/** A stop's entry point: `positionM` metres from the source end of edge `edgeId`. */
export interface WalkEntry {
  stopCode: string;
  edgeId: number;
  positionM: number;
}

/** A binary min-heap of (distance, node). */
class MinHeap {
  private readonly distances: number[] = [];
  private readonly nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(distance: number, node: number): void {
    let i = this.nodes.length;
    this.distances.push(distance);
    this.nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.distances[parent] <= distance) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the least entry and returns it as [distance, node]. */
  pop(): [number, number] {
    const top: [number, number] = [this.distances[0], this.nodes[0]];
    const lastDistance = this.distances.pop()!;
    const lastNode = this.nodes.pop()!;
    if (this.nodes.length > 0) {
      this.distances[0] = lastDistance;
      this.nodes[0] = lastNode;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        if (left < this.nodes.length && this.distances[left] < this.distances[least]) least = left;
        if (right < this.nodes.length && this.distances[right] < this.distances[least]) least = right;
        if (least === i) break;
        this.swap(i, least);
        i = least;
      }
    }
    return top;
  }

  private swap(a: number, b: number): void {
    [this.distances[a], this.distances[b]] = [this.distances[b], this.distances[a]];
    [this.nodes[a], this.nodes[b]] = [this.nodes[b], this.nodes[a]];
  }
}

/** Undirected adjacency: for each node, its neighbours and the lengths of the edges to them. */
function adjacencyOf(edges: readonly WalkEdge[]): Map<number, { node: number; lengthM: number }[]> {
  const adjacency = new Map<number, { node: number; lengthM: number }[]>();
  const add = (from: number, to: number, lengthM: number) => {
    let list = adjacency.get(from);
    if (!list) adjacency.set(from, (list = []));
    list.push({ node: to, lengthM });
  };
  for (const edge of edges) {
    add(edge.source, edge.target, edge.lengthM);
    add(edge.target, edge.source, edge.lengthM);
  }
  return adjacency;
}

/**
 * For each stop, the network nodes its walk reaches within `radiusM` and how far along the roads: the walk starts at
 * the entry point and reaches the edge's two ends at `positionM` and `lengthM − positionM` (as pgRouting does with the
 * stop as a vertex joined to both ends).
 */
export function reachedDistances(edges: readonly WalkEdge[], entries: readonly WalkEntry[], radiusM: number): Map<string, Map<number, number>> {
  const adjacency = adjacencyOf(edges);
  const byId = new Map(edges.map((e) => [e.id, e]));
  const result = new Map<string, Map<number, number>>();
  for (const entry of entries) {
    const edge = byId.get(entry.edgeId);
    if (!edge) continue;
    const best = new Map<number, number>();
    const heap = new MinHeap();
    const offer = (node: number, distance: number) => {
      if (distance > radiusM) return;
      const known = best.get(node);
      if (known !== undefined && known <= distance) return;
      best.set(node, distance);
      heap.push(distance, node);
    };
    offer(edge.source, entry.positionM);
    offer(edge.target, edge.lengthM - entry.positionM);
    const settled = new Set<number>();
    while (heap.size > 0) {
      const [distance, node] = heap.pop();
      if (settled.has(node) || distance > best.get(node)!) continue;
      settled.add(node);
      for (const next of adjacency.get(node) ?? []) offer(next.node, distance + next.lengthM);
    }
    result.set(entry.stopCode, best);
  }
  return result;
}
