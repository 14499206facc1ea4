// Signed sign-in tokens (JWT, HS256): what a role and district look like on the wire, and checking them.
import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AtlasError, AtlasErrorCode } from '../errors.js';
import { isRole, type Role, type Viewer } from './viewer.js';

const ISSUER = 'shequ-atlas';
const ALGORITHM = 'HS256';
export const DEFAULT_TOKEN_DAYS = 30;

export interface TokenRequest {
  role: Role;
  /** Required for officials: the district they may read. */
  districtCode?: string;
  /** Days until the token expires. */
  days?: number;
}

interface TokenClaims {
  role: Role;
  district?: string;
}

/** Signs a token for `request`; refuses combinations that would make a token nobody can use. */
export function signToken(request: TokenRequest, secret: string): string {
  if (!isRole(request.role)) throw new Error(`There is no role "${request.role}". Use public, analyst, official or admin.`);
  if (request.role === 'official' && !request.districtCode) throw new Error('An official token needs the district it may read: add --district <6-digit code>.');
  if (request.role !== 'official' && request.districtCode) throw new Error(`Only official tokens carry a district; a ${request.role} token reads every district.`);
  const days = request.days ?? DEFAULT_TOKEN_DAYS;
  if (!(days > 0 && days <= 3650)) throw new Error(`--days must be from 1 to 3650; got ${request.days}.`);
  const claims: TokenClaims = { role: request.role, ...(request.districtCode ? { district: request.districtCode } : {}) };
  return jwt.sign(claims, secret, { algorithm: ALGORITHM, issuer: ISSUER, expiresIn: Math.round(days * 86_400) });
}

const unauthenticated = (message: string) => new AtlasError(AtlasErrorCode.Unauthenticated, message, { http: { status: 401 } });

/** The viewer a token stands for; a bad, forged or expired token is a 401 with a sentence saying which. */
export function verifyToken(token: string, secret: string | KeyObject): Viewer {
  return verifyTokenExpiry(token, secret).viewer;
}

/**
 * `verifyToken`, with when the token expires: jsonwebtoken's verified `exp` in milliseconds, undefined when the
 * token has none.
 */
export function verifyTokenExpiry(token: string, secret: string | KeyObject): { viewer: Viewer; expiresAtMs?: number } {
  let claims: jwt.JwtPayload;
  try {
    claims = jwt.verify(token, secret, { algorithms: [ALGORITHM], issuer: ISSUER }) as jwt.JwtPayload;
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw unauthenticated(`The sign-in token expired on ${error.expiredAt.toISOString()}. Ask an admin for a new one (npx atlas token).`);
    }
    throw unauthenticated('The sign-in token is not valid for this hub (malformed, or signed with another key). Ask an admin for a new one (npx atlas token), or send no Authorization header to read as the public.');
  }
  if (typeof claims !== 'object' || !isRole(claims.role)) throw unauthenticated('The sign-in token names no known role. Ask an admin for a new one (npx atlas token).');
  const expiresAtMs = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  if (claims.role === 'official') {
    if (typeof claims.district !== 'string' || !claims.district) throw unauthenticated('The official token names no district. Ask an admin for a new one (npx atlas token --role official --district CODE).');
    return { viewer: { role: 'official', districtCode: claims.district }, expiresAtMs };
  }
  return { viewer: { role: claims.role }, expiresAtMs };
}
