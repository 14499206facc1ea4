// CSRF protection for routes that change data (uploads, deletes): the same rule as Apollo's csrfPrevention for /graphql.
import type express from 'express';
import { AtlasError, AtlasErrorCode } from '../errors.js';

/** Headers a browser only sends after a CORS preflight; any of them proves the request was not a plain cross-site form. */
export const CSRF_HEADERS = ['x-atlas-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] as const;

// Content types a cross-site <form> can send without a preflight.
const SIMPLE_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Express middleware: a POST/PUT/PATCH/DELETE must carry a non-simple Content-Type (e.g. application/json,
 * application/zip) or one of CSRF_HEADERS. A multipart file upload from the client sends `x-atlas-csrf: 1`.
 */
export function csrfGuard(): express.RequestHandler {
  return (request, _response, next) => {
    if (SAFE_METHODS.has(request.method)) return next();
    if (CSRF_HEADERS.some((header) => (request.headers[header] ?? '') !== '')) return next();
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== '' && !SIMPLE_TYPES.has(type)) return next();
    next(new AtlasError(AtlasErrorCode.BadInput, `This request could be a cross-site request forgery, so it was refused. Send it with the header "x-atlas-csrf: 1" (or a Content-Type other than form data or text/plain).`, { http: { status: 400 } }));
  };
}
