// The sign-in link the hub prints at start (as notebook servers do), so the person who started it can act as admin.
import { signToken } from './token.js';

export const SIGN_IN_DAYS = 7;

/** `<hubUrl>?token=…` (hubUrl ends in a slash): the client keeps the token, sends it as `Authorization: Bearer`, and drops it from the address. */
export function signInLink(hubUrl: string, secret: string): string {
  return `${hubUrl}?token=${signToken({ role: 'admin', days: SIGN_IN_DAYS }, secret)}`;
}
