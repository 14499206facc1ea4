// The machine and software a run was measured on, recorded with every result.
import os from 'node:os';
import fs from 'node:fs';
import pg from 'pg';

export interface MachineInfo {
  hostname: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  os: string;
  node: string;
  postgres?: string;
  postgis?: string;
  packages: Record<string, string>;
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

export async function describeMachine(databaseUrl: string): Promise<MachineInfo> {
  const info: MachineInfo = {
    hostname: os.hostname(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    packages: Object.fromEntries(
      ['@electric-sql/pglite', '@electric-sql/pglite-postgis', 'pg', 'graphql', 'type-graphql', '@apollo/server', 'postgraphile', 'grafast', 'autocannon', 'playwright-core', 'maplibre-gl'].map((n) => [n, packageVersion(n)]),
    ),
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    info.postgres = (await client.query('SHOW server_version')).rows[0].server_version;
    // The maintenance database may not have the extension created: ask what the server offers.
    const { rows } = await client.query<{ v: string | null }>("SELECT default_version AS v FROM pg_available_extensions WHERE name = 'postgis'");
    info.postgis = rows[0]?.v ?? 'not available';
  } catch (error) {
    info.postgres = `unreachable: ${(error as Error).message}`;
  } finally {
    await client.end().catch(() => {});
  }
  return info;
}
