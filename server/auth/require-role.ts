// Express middleware for routes that change data: admins only, refused before the body is read.
import type express from 'express';
import { requireAdmin } from './policy.js';
import { viewerOf } from './viewer.resolver.js';

/** Mount before a route's body parser: a non-admin gets FORBIDDEN without the hub reading (up to 200 MB of) upload. */
export function adminOnly(action: string): express.RequestHandler {
  return (request, _response, next) => {
    try {
      requireAdmin(viewerOf(request), action);
      next();
    } catch (error) {
      next(error);
    }
  };
}
