// `npx atlas token --role … [--district CODE] [--days N]`: prints a sign-in token for `Authorization: Bearer`.
import { Option, type Command } from 'commander';
import { readConfig } from '../config.js';
import { ROLES, type Role } from '../graphql/viewer.js';
import { loadJwtSecret } from './secret.js';
import { DEFAULT_TOKEN_DAYS, signToken } from './token.js';

export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('Print a sign-in token (for the header "Authorization: Bearer <token>"), signed with ATLAS_JWT_SECRET or the data folder\'s key.')
    .addOption(new Option('--role <role>', 'what the token may do').choices([...ROLES]).makeOptionMandatory())
    .option('--district <code>', 'for officials: the district (6-digit code) they may read')
    .option('--days <n>', 'days until it expires', String(DEFAULT_TOKEN_DAYS))
    .action((options: { role: Role; district?: string; days: string }) => {
      const days = Number(options.days);
      const { secret } = loadJwtSecret(readConfig().dataDir);
      // Only the token on stdout, so that `TOKEN=$(npx atlas token --role analyst)` works.
      console.log(signToken({ role: options.role, districtCode: options.district, days }, secret));
    });
}
