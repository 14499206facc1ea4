// The packages a folder's source files name in import, export, import() and require: each with the files that name it
// and whether every one of those imports is `import type` (erased before the code runs).
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

export interface PackageUse {
  files: string[];
  typeOnly: boolean;
}

const SPECIFIER = /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(file, out);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(file);
  }
  return out;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; null for relative paths, Node's own modules and aliases. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? null : name;
}

export function bareImports(root: string, folders: readonly string[]): Map<string, PackageUse> {
  const uses = new Map<string, PackageUse>();
  for (const folder of folders) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(SPECIFIER)) {
        const name = packageOf(match[3] ?? match[4] ?? match[5]);
        if (!name) continue;
        // `import('x').T` in a type position and `import type` are both erased; a generated file's types use the first.
        const typeOnly = Boolean(match[2]) || (match[4] !== undefined && /\.d\.ts$|[\\/]gql[\\/]/.test(file));
        const use = uses.get(name) ?? { files: [], typeOnly: true };
        use.files.push(path.relative(root, file));
        use.typeOnly &&= typeOnly;
        uses.set(name, use);
      }
    }
  }
  return uses;
}
