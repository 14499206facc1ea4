// PostGraphile v5 (Amber preset) over the benchmark database's `pgl` schema, on PORT: the alternative a team would pick.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('Set DATABASE_URL to the benchmark database.');
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['pgl'], poolConfig: { max: 10 } } as Parameters<typeof makePgService>[0])],
  grafast: { explain: false },
};
const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
await pgl.getSchema();
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`PostGraphile ready on ${JSON.stringify(server.address())}`);
});
process.once('SIGTERM', () => process.exit(0));
