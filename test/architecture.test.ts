// The house (STYLE.md, issue 12): a core that knows no API under thin faces that never import each other.
// Read from the import statements themselves, so a new file that breaks the rule fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(__dirname, '../server');
/** The faces: each turns the core's answers into one kind of API. */
const FACES = ['graphql', 'tiles', 'export', 'ogc', 'http', 'cli'];
/** Where the faces are put together into one process; they may import every face. */
const ASSEMBLY = new Set(['app.ts', 'main.ts', 'cluster.ts']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

const top = (file: string) => path.relative(SERVER, file).split(path.sep)[0];

/** Every relative import of a file, as the server file it names (`.js` specifiers name `.ts` files). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) {
    const spec = match[1] ?? match[2];
    found.push(path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'));
  }
  return found.filter((target) => target.startsWith(SERVER));
}

const edges = sources(SERVER).flatMap((file) => importsOf(file).map((target) => ({ from: file, to: target })));
const rel = (file: string) => path.relative(SERVER, file);

describe('the house: core under faces', () => {
  it('reads imports (the scan finds the ones it must)', () => {
    // A truth independent of the rule: app.ts puts the GraphQL face together, so the scan must see that import.
    expect(edges.some((e) => rel(e.from) === 'app.ts' && top(e.to) === 'graphql')).toBe(true);
    expect(edges.length).toBeGreaterThan(300);
  });

  it('no core file imports a face', () => {
    const bad = edges.filter((e) => !ASSEMBLY.has(rel(e.from)) && !FACES.includes(top(e.from)) && FACES.includes(top(e.to)));
    expect(bad.map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it('no face imports another face', () => {
    const bad = edges.filter((e) => FACES.includes(top(e.from)) && FACES.includes(top(e.to)) && top(e.from) !== top(e.to));
    expect(bad.map((e) => `${rel(e.from)} -> ${rel(e.to)}`)).toEqual([]);
  });

  it('no core module imports GraphQL or type-graphql', () => {
    const bad = sources(SERVER)
      .filter((file) => !ASSEMBLY.has(rel(file)) && !FACES.includes(top(file)))
      .filter((file) => /from\s*['"](graphql|type-graphql)['"]/.test(fs.readFileSync(file, 'utf8')))
      .map(rel);
    expect(bad).toEqual([]);
  });

  it('has no import cycle between top-level modules of the core', () => {
    const graph = new Map<string, Set<string>>();
    for (const e of edges) {
      const a = top(e.from);
      const b = top(e.to);
      if (a === b || a.endsWith('.ts') || b.endsWith('.ts') || FACES.includes(a)) continue;
      if (!graph.has(a)) graph.set(a, new Set());
      graph.get(a)!.add(b);
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]) => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
        return;
      }
      for (const next of graph.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
