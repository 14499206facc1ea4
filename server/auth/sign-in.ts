// The sign-in link the hub prints at start (as notebook servers do), so the person who started it can act as admin.
import { signToken } from './token.js';

export const SIGN_IN_DAYS = 7;

/** `http://localhost:PORT/?token=…`: the client keeps the token and sends it as `Authorization: Bearer`. */
export function signInLink(port: number, secret: string): string {
  return `http://localhost:${port}/?token=${signToken({ role: 'admin', days: SIGN_IN_DAYS }, secret)}`;
}
