// The CPU time a PostgreSQL backend spends on statements, from /proc (the server must run on this machine): on a
// machine shared with other work the wall time drifts with the load, a backend's CPU time much less.
// `npx tsx bench/backend-cpu.ts URL "SQL" ["SQL" …]` runs each statement in turn, `--rounds N` times, and prints its
// CPU seconds and wall seconds per round.
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';

export async function backendCpuMeter(client: pg.Client): Promise<() => number> {
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  return () => {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
}

if (process.argv[1]?.endsWith("backend-cpu.ts")) {
  const args = process.argv.slice(2);
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args.splice(roundsAt, 2)[1]) : 1;
  const [url, ...statements] = args;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const cpu = await backendCpuMeter(client);
  for (let round = 1; round <= rounds; round++) {
    for (const [i, sql] of statements.entries()) {
      const c0 = cpu();
      const t0 = performance.now();
      await client.query(sql);
      console.log(`round ${round} statement ${i + 1}: cpu ${(cpu() - c0).toFixed(2)} s, wall ${((performance.now() - t0) / 1000).toFixed(2)} s (load ${os.loadavg()[0].toFixed(1)})`);
    }
  }
  await client.end();
}
