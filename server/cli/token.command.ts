// `npx atlas token --role … [--district CODE] [--days N]`: prints a sign-in token for `Authorization: Bearer`.
import { Option, type Command } from 'commander';
import { readConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { AtlasError, AtlasErrorCode, badInput } from '../errors.js';
import { ROLES, type Role } from '../auth/viewer.js';
import { loadJwtSecret } from '../auth/secret.js';
import { DEFAULT_TOKEN_DAYS, signToken } from '../auth/token.js';

interface DistrictName {
  code: string;
  name: string;
}

/** The store's districts: read from the store, or, while the hub holds the embedded store, asked of the hub. */
async function storeDistricts(openStore: () => Promise<Database>): Promise<DistrictName[]> {
  let db: Database;
  try {
    db = await openStore();
  } catch (error) {
    const hubUrl = error instanceof AtlasError && error.code === AtlasErrorCode.StoreLocked ? error.extensions.hubUrl : undefined;
    if (typeof hubUrl !== 'string') throw error;
    const response = await fetch(`${hubUrl}graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ districts { code name } }' }) });
    const answer = (await response.json()) as { data?: { districts: DistrictName[] } };
    if (!answer.data) throw new Error(`The hub at ${hubUrl} did not list its districts (HTTP ${response.status}); try again when it answers.`);
    return answer.data.districts;
  }
  try {
    return (await db.query<DistrictName>('SELECT code, name FROM districts ORDER BY code')).rows;
  } finally {
    await db.close();
  }
}

/** A token for a district the store does not have would read nothing: refuse it, naming the ones there are. */
async function checkDistrict(openStore: () => Promise<Database>, code: string): Promise<void> {
  const districts = await storeDistricts(openStore);
  if (districts.some((district) => district.code === code)) return;
  if (districts.length === 0) throw badInput(`There is no district "${code}": the store has no districts yet. Import them first (npx atlas import districts FILE).`);
  const shown = districts.slice(0, 20).map((district) => `${district.code} ${district.name}`).join(', ');
  throw badInput(`There is no district "${code}" in the store; --district takes one of its ${districts.length}: ${shown}${districts.length > 20 ? ', …' : ''}.`);
}

export function registerTokenCommand(program: Command, openStore: () => Promise<Database>): void {
  program
    .command('token')
    .description('Print a sign-in token (for the header "Authorization: Bearer <token>"), signed with ATLAS_JWT_SECRET or the data folder\'s key.')
    .addOption(new Option('--role <role>', 'what the token may do').choices([...ROLES]).makeOptionMandatory())
    .option('--district <code>', 'for officials: the district (6-digit code, one the store has) they may read')
    .option('--days <n>', 'days until it expires', String(DEFAULT_TOKEN_DAYS))
    .action(async (options: { role: Role; district?: string; days: string }) => {
      const days = Number(options.days);
      if (options.district !== undefined) await checkDistrict(openStore, options.district);
      const { secret } = loadJwtSecret(readConfig().dataDir);
      // Only the token on stdout, so that `TOKEN=$(npx atlas token --role analyst)` works.
      console.log(signToken({ role: options.role, districtCode: options.district, days }, secret));
    });
}
