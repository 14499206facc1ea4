// One error module: the codes a caller can see, the sentence they read, the HTTP status of each code, the one body every
// HTTP face other than GraphQL answers with, and the mapping from database errors. It knows no API: GraphQL reads
// `extensions` off the error (graphql-js copies an original error's extensions), the other faces call `errorBody`.

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
export class AtlasError extends Error {
  /** What a caller reads beside the message: the code and any details (`http.status` overrides the code's status). */
  readonly extensions: Record<string, unknown> & { code: AtlasErrorCode };

  constructor(
    readonly code: AtlasErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.extensions = { code, ...extra };
    this.name = 'AtlasError';
  }
}

/** The HTTP status of each code, for every face that answers over HTTP (GraphQL's own statuses follow its spec). */
const STATUS_BY_CODE: Record<AtlasErrorCode, number> = {
  [AtlasErrorCode.BadInput]: 400,
  [AtlasErrorCode.ImportRefused]: 422,
  [AtlasErrorCode.Unauthenticated]: 401,
  [AtlasErrorCode.Forbidden]: 403,
  [AtlasErrorCode.NotFound]: 404,
  [AtlasErrorCode.StoreLocked]: 503,
  [AtlasErrorCode.DatabaseUnavailable]: 503,
  // A statement stopped by its time limit: the hub is busy, the same request may pass later (not a gateway's 504).
  [AtlasErrorCode.Timeout]: 503,
  [AtlasErrorCode.Internal]: 500,
};

/** The HTTP status of an error: its own `http.status` when it sets one, else its code's. */
export function httpStatusOf(error: AtlasError): number {
  return (error.extensions.http as { status?: number } | undefined)?.status ?? STATUS_BY_CODE[error.code] ?? 500;
}

/** The one error body of the HTTP faces (tiles, exports, OGC, uploads, sign-in): GraphQL's shape, so a client reads one. */
export function errorBody(error: AtlasError): { errors: [{ message: string; extensions: Record<string, unknown> }] } {
  const { http: _http, ...extensions } = error.extensions;
  return { errors: [{ message: error.message, extensions }] };
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
