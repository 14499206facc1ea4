// One error module: the codes a caller can see, the sentence they read, and the mapping from database errors.
import { GraphQLError } from 'graphql';

export enum AtlasErrorCode {
  BadInput = 'BAD_USER_INPUT',
  NotFound = 'NOT_FOUND',
  Forbidden = 'FORBIDDEN',
  Unauthenticated = 'UNAUTHENTICATED',
  ImportRefused = 'IMPORT_REFUSED',
  StoreLocked = 'STORE_LOCKED',
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  Timeout = 'TIMEOUT',
  Internal = 'INTERNAL_SERVER_ERROR',
}

/** An error whose message is safe and useful to show to the person who caused it. */
export class AtlasError extends GraphQLError {
  constructor(
    readonly code: AtlasErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'AtlasError';
  }
}

export const badInput = (message: string, extra?: Record<string, unknown>) =>
  new AtlasError(AtlasErrorCode.BadInput, message, extra);
export const notFound = (message: string) => new AtlasError(AtlasErrorCode.NotFound, message);
export const forbidden = (message = 'You are not allowed to do this. Sign in with a token of a role that may.') =>
  new AtlasError(AtlasErrorCode.Forbidden, message);

interface PgErrorLike {
  code?: string;
  message?: string;
}

/** Turns an error from `pg` into one a person can act on; anything unknown becomes a plain internal error. */
export function fromDatabaseError(error: unknown): AtlasError {
  if (error instanceof AtlasError) return error;
  const pgError = error as PgErrorLike;
  // pg's own connection failures carry no SQLSTATE: a server restart shows up as these sentences.
  if (!pgError?.code && /Connection terminated|Connection ended|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/i.test(pgError?.message ?? '')) {
    return new AtlasError(AtlasErrorCode.DatabaseUnavailable, 'The database is not reachable right now. Try again in a moment.');
  }
  switch (pgError?.code) {
    case '57014':
      return new AtlasError(AtlasErrorCode.Timeout, 'The query took too long and was stopped. Ask for a smaller area or fewer records.');
    case '57P01':
    case '57P02':
    case '57P03':
    case '08000':
    case '08003':
    case '08006':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ETIMEDOUT':
      return new AtlasError(AtlasErrorCode.DatabaseUnavailable, 'The database is not reachable right now. Try again in a moment.');
    case 'XX000':
      if (/geometry|GEOS|parse error/i.test(pgError.message ?? '')) {
        return badInput(`The geometry could not be used: ${pgError.message}. Check that it is valid GeoJSON in WGS84.`);
      }
      break;
    case '22023':
    case '22P02':
      return badInput(`A value was not understood: ${pgError.message}.`);
  }
  return new AtlasError(AtlasErrorCode.Internal, 'Something went wrong on the server. The error has been logged.');
}
