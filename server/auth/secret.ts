// The key that signs tokens: ATLAS_JWT_SECRET, or one generated into the data folder at first start (embedded default).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'jwt-secret';
const MIN_SECRET_LENGTH = 32;

export interface JwtSecret {
  secret: string;
  /** Where it came from, for the start-up log: 'env', 'file' or 'generated'. */
  origin: 'env' | 'file' | 'generated';
}

/** Reads the signing secret; creates `<dataDir>/jwt-secret` (mode 600) when none is set and none was generated before. */
export function loadJwtSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): JwtSecret {
  const fromEnv = env.ATLAS_JWT_SECRET;
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`ATLAS_JWT_SECRET is ${fromEnv.length} characters; use at least ${MIN_SECRET_LENGTH} random ones (e.g. openssl rand -hex 32).`);
    }
    return { secret: fromEnv, origin: 'env' };
  }
  const file = path.join(dataDir, SECRET_FILE);
  try {
    const stored = fs.readFileSync(file, 'utf8').trim();
    if (stored.length >= MIN_SECRET_LENGTH) return { secret: stored, origin: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  // Written beside, then renamed: a crash never leaves a half-written key that would invalidate every token.
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return { secret, origin: 'generated' };
}
