// package.json declares what the hub's code imports: every package named in client/src, server and bin is in
// `dependencies` (what `npm install --omit=dev` gives a deployment), and every dependency is imported or is a named tool.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bareImports } from './support/bare-imports.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const SHIPPED = ['client/src', 'server', 'bin'];

/** Dependencies that no source file imports, and why they are still needed where the hub runs. */
const TOOLS: Record<string, string> = {
  vite: '`npm start` builds the client (npm run build:client)',
  '@vitejs/plugin-react': 'vite.config.ts, for that build',
  typescript: '`npm run typecheck`',
};

describe('package.json', () => {
  const uses = bareImports(ROOT, SHIPPED);

  it('lists in dependencies every package the client, the server and the CLI import', () => {
    const missing = [...uses]
      .filter(([name, use]) => {
        if (manifest.dependencies[name]) return false;
        // A type-only import of a name with no package of its own is answered by its @types package (geojson).
        return !(use.typeOnly && !fs.existsSync(path.join(ROOT, 'node_modules', name, 'package.json')) && (manifest.dependencies[`@types/${name}`] || manifest.devDependencies[`@types/${name}`]));
      })
      .map(([name, use]) => `${name} (imported by ${use.files[0]}${use.files.length > 1 ? ` and ${use.files.length - 1} more` : ''})`);
    expect(missing, 'add each to "dependencies": npm install --save NAME').toEqual([]);
  });

  it('has no dependency that nothing imports (unless it is a tool the hub runs)', () => {
    const unused = Object.keys(manifest.dependencies).filter((name) => !uses.has(name) && !TOOLS[name]);
    expect(unused, 'move each to "devDependencies" if a test or the bench uses it, else remove it').toEqual([]);
  });

  it('finds imports of every kind the code writes (the check itself)', () => {
    expect(uses.get('@maplibre/maplibre-gl-style-spec')?.typeOnly).toBe(true);
    expect(uses.get('react')?.typeOnly).toBe(false);
    expect(uses.get('reflect-metadata')?.typeOnly, "import 'reflect-metadata'").toBe(false);
    expect(uses.has('fs')).toBe(false);
    expect(uses.has('pg')).toBe(true);
  });
});
