// The last Express error handler: every failure outside GraphQL becomes a JSON sentence; stacks and SQL go to the log only.
import type express from 'express';
import { AtlasError, AtlasErrorCode, errorBody, fromDatabaseError, httpStatusOf } from '../errors.js';

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
  limit?: number;
}

/** The body parsers' refusals, in sentences a person can act on. */
function bodyParserMessage(error: HttpErrorLike): { status: number; code: string; message: string } | undefined {
  switch (error.type) {
    case 'entity.too.large':
      return { status: 413, code: AtlasErrorCode.BadInput, message: `The request body is larger than the hub accepts (${Math.round((error.limit ?? 0) / 1024)} KiB). Send less, or import large files with npx atlas import.` };
    case 'entity.parse.failed':
      return { status: 400, code: AtlasErrorCode.BadInput, message: 'The request body is not valid JSON. Send a JSON object such as {"query": "{ districts { code } }"}.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: AtlasErrorCode.BadInput, message: 'The request body uses a character set the hub does not read. Send UTF-8.' };
    case 'request.aborted':
      return { status: 400, code: AtlasErrorCode.BadInput, message: 'The request was cut off before its body arrived.' };
  }
  return undefined;
}

/** Express error middleware (4 arguments); mount it after every route. */
export function jsonErrorHandler(): express.ErrorRequestHandler {
  return (error: unknown, request, response, next) => {
    if (response.headersSent) return next(error);
    const parser = bodyParserMessage(error as HttpErrorLike);
    if (parser) {
      response.status(parser.status).json({ errors: [{ message: parser.message, extensions: { code: parser.code } }] });
      return;
    }
    let atlasError: AtlasError;
    if (error instanceof AtlasError) atlasError = error;
    else {
      console.error(`[http] ${request.method} ${request.path}:`, error);
      atlasError = fromDatabaseError(error);
    }
    response.status(httpStatusOf(atlasError)).json(errorBody(atlasError));
  };
}

/** The answer for a path no route serves: a JSON sentence instead of Express's HTML page. */
export function jsonNotFound(): express.RequestHandler {
  return (request, response) => {
    response.status(404).json({
      errors: [{ message: `There is nothing at ${request.method} ${request.path}. The hub serves /graphql, /tiles/{layer}/{z}/{x}/{y}.mvt, /api/export, /ogc and the map at /.`, extensions: { code: AtlasErrorCode.NotFound } }],
    });
  };
}
