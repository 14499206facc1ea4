// Turns a request's `Authorization: Bearer <token>` into a Viewer, for GraphQL and for every other route of the hub.
import crypto from 'node:crypto';
import type http from 'node:http';
import type express from 'express';
import { LRUCache } from 'lru-cache';
import { AtlasError, AtlasErrorCode, errorBody } from '../errors.js';
import { ANONYMOUS, type Viewer } from './viewer.js';
import { loadJwtSecret } from './secret.js';
import { verifyTokenExpiry } from './token.js';

/** Reads only node's own request (its headers): tiles are answered before express (server/tiles/tiles.router.ts). */
export type ViewerResolver = (request: http.IncomingMessage) => Promise<Viewer> | Viewer;

/** No Authorization header: the public. A header that is not a valid Bearer token: a 401 AtlasError. */
export function createViewerResolver(secret: string): ViewerResolver {
  // Built once: given the string, jsonwebtoken makes a new key object on every check (7.5 % of the hub's CPU under load).
  const key = crypto.createSecretKey(Buffer.from(secret, 'utf8'));
  // A client sends the same token with every request: its signature and claims are checked once, and the viewer kept
  // until the token expires. Only valid tokens with an expiry are kept, the TOKENS_KEPT most recently used.
  const known = new LRUCache<string, Viewer>({ max: TOKENS_KEPT });
  function verified(token: string): Viewer {
    const hit = known.get(token); // undefined once the token's time to live has passed
    if (hit) return hit;
    const { viewer, expiresAtMs } = verifyTokenExpiry(token, key); // throws the 401 (expired, forged, malformed)
    const ttl = expiresAtMs === undefined ? 0 : Math.floor(expiresAtMs - Date.now());
    Object.freeze(viewer);
    if (ttl > 0) known.set(token, viewer, { ttl });
    return viewer;
  }
  return (request) => {
    const header = request.headers.authorization;
    if (header === undefined || header.trim() === '') return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new AtlasError(AtlasErrorCode.Unauthenticated, 'The Authorization header must be "Bearer <token>" (a token from npx atlas token), or be left out to read as the public.', { http: { status: 401 } });
    }
    return verified(match[1]);
  };
}

const TOKENS_KEPT = 10_000;

const viewers = new WeakMap<express.Request, Viewer>();

/**
 * Express middleware: resolves the viewer once per request and keeps it for `viewerOf`;
 * answers 401 with a GraphQL-shaped JSON error (no stack, no detail of the token) when the token is bad.
 */
export function authenticate(resolveViewer: ViewerResolver): express.RequestHandler {
  return async (request, response, next) => {
    try {
      viewers.set(request, await resolveViewer(request));
      next();
    } catch (error) {
      if (!(error instanceof AtlasError)) return next(error);
      const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 401;
      response
        .status(status)
        .set('WWW-Authenticate', 'Bearer realm="shequ-atlas", error="invalid_token"')
        .json(errorBody(error));
    }
  };
}

/** The viewer of a request that went through `authenticate`; the public when it did not (never more than that). */
export function viewerOf(request: express.Request): Viewer {
  return viewers.get(request) ?? ANONYMOUS;
}

/**
 * The hub's default: tokens signed with ATLAS_JWT_SECRET or the data folder's generated key, read on the first
 * request that carries a token (a hub nobody signs in to never touches the key file).
 */
export function defaultViewerResolver(dataDir: string): ViewerResolver {
  let resolver: ViewerResolver | undefined;
  return (request) => {
    if (!request.headers.authorization) return ANONYMOUS;
    resolver ??= createViewerResolver(loadJwtSecret(dataDir).secret);
    return resolver(request);
  };
}
