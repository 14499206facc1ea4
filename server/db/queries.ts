// Loads named SQL from a .sql file: each query starts with a line `-- name: queryName`.
import fs from 'node:fs';

export function loadQueries<Name extends string>(fileUrl: URL, names: readonly Name[]): Record<Name, string> {
  const text = fs.readFileSync(fileUrl, 'utf8');
  const found: Record<string, string> = {};
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const header = /^--\s*name:\s*(\w+)/.exec(line);
    if (header) {
      current = header[1];
      found[current] = '';
    } else if (current) {
      found[current] += line + '\n';
    }
  }
  for (const name of names) {
    if (!found[name]?.trim()) throw new Error(`${fileUrl.pathname} has no query named ${name}.`);
  }
  return found as Record<Name, string>;
}
