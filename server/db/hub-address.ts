// Where the running hub answers, recorded beside the embedded store's lock so that the CLI can name it (or ask it).
import fs from 'node:fs';
import path from 'node:path';

const ADDRESS_FILE = 'atlas.hub.json';

/** Hosts that mean "every interface": a browser on this machine reaches them as localhost. */
const EVERY_INTERFACE = new Set(['', '0.0.0.0', '::']);

/** The address a person on this machine opens for a hub listening on `host`:`port`, with its closing slash. */
export function hubUrl(host: string, port: number): string {
  const name = EVERY_INTERFACE.has(host) ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/`;
}

/** Written whole or not at all (a rename): a reader never sees half a file. */
export function recordHubAddress(dataDir: string, url: string): void {
  const file = path.join(dataDir, ADDRESS_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, url }));
  fs.renameSync(`${file}.tmp`, file);
}

export function forgetHubAddress(dataDir: string): void {
  fs.rmSync(path.join(dataDir, ADDRESS_FILE), { force: true });
}

/** The address recorded by process `pid` (the lock's holder), or undefined when it recorded none. */
export function recordedHubUrl(dataDir: string, pid: number): string | undefined {
  try {
    const recorded = JSON.parse(fs.readFileSync(path.join(dataDir, ADDRESS_FILE), 'utf8')) as { pid?: number; url?: string };
    return recorded.pid === pid && typeof recorded.url === 'string' ? recorded.url : undefined;
  } catch {
    return undefined;
  }
}
