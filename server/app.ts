// The HTTP face of the hub: GraphQL at /graphql, the built client at /, and the routes features add.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { authenticate, defaultViewerResolver, viewerOf, type ViewerResolver } from './auth/viewer.resolver.js';
import type { AtlasConfig } from './config.js';
import type { Database } from './db/database.js';
import { AtlasError, fromDatabaseError } from './errors.js';
import { createContext, type AtlasContext } from './request/context.js';
import { atlasSchema } from './graphql/schema.js';
import { jitGateway } from './graphql/jit-executor.js';
import { stringifyResponse } from './graphql/geojson.scalar.js';
import { tilesRouter } from './tiles/tiles.router.js';
import { exportRouter } from './export/export.router.js';
import { importRouter } from './http/import.router.js';
import { ogcRouter } from './ogc/ogc.router.js';
import { GRAPHQL_BODY_LIMIT, graphqlLimitRules, DEFAULT_GRAPHQL_LIMITS } from './graphql/limits.js';
import { jsonErrorHandler, jsonNotFound } from './limits/http-errors.js';
import { csrfGuard } from './limits/csrf.js';
import { adminOnly } from './auth/require-role.js';
import { adminOnlyMutations } from './graphql/mutation-guard.js';

export type { ViewerResolver };

export const CLIENT_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface AtlasApp {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<AtlasContext>;
  /**
   * The first step of a graceful stop: every answer from now on closes its connection (so no client sends another
   * request on a socket about to be closed), and the promise settles once no request has been in flight for 200 ms
   * (at most `maxMs`). Then `apollo.stop()` closes the listener and what is left.
   */
  quiesce(maxMs?: number): Promise<void>;
}

/**
 * `resolveViewer` turns a request into a Viewer (default: Bearer tokens signed with the hub's key, server/auth).
 * Routes read the caller with `viewerOf(request)` from server/auth/viewer.resolver.ts.
 */
export interface AppOptions {
  /** How operations run: compiled by graphql-jit (the default), or interpreted by graphql-js (for comparisons). */
  executor?: 'jit' | 'graphql-js';
}

export async function createApp(db: Database, config: AtlasConfig, resolveViewer: ViewerResolver = defaultViewerResolver(config.dataDir), options: AppOptions = {}): Promise<AtlasApp> {
  const app = express();
  app.disable('x-powered-by');
  // Requests in flight, and whether the hub is stopping (see AtlasApp.quiesce).
  let inFlight = 0;
  let lastActivity = Date.now();
  let stopping = false;
  const track = (response: http.ServerResponse) => {
    inFlight++;
    lastActivity = Date.now();
    if (stopping) response.setHeader('Connection', 'close');
    response.once('close', () => {
      inFlight--;
      lastActivity = Date.now();
    });
  };
  // The map's tile GETs (dozens per view) are answered before express, which costs more per request than the rest of
  // a cached tile (server/tiles/tiles.router.ts); every other request, and a tile request with a refused token, goes to it.
  const tiles = tilesRouter(db, config, viewerOf);
  const tilesFirst = tiles.before(app, resolveViewer);
  const httpServer = http.createServer((request, response) => {
    track(response);
    if (!tilesFirst(request, response)) app(request, response);
  });
  // Node closes idle keep-alive sockets after 5 s; a client (or proxy) reusing one at that moment gets ECONNRESET.
  // Keep them longer than the usual client and load-balancer idle timeouts (60 s) so the client always closes first.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const apollo = new ApolloServer<AtlasContext>({
    // Operations run compiled (graphql-jit) through Apollo's gateway seam; parsing, validation with the limit rules,
    // plugins and formatError stay Apollo's (server/graphql/jit-executor.ts).
    ...(options.executor === 'graphql-js' ? { schema: await atlasSchema() } : { gateway: jitGateway(await atlasSchema()) }),
    introspection: true,
    // Cache-control hints are not used (responses depend on the caller's token), and computing them cost about a
    // quarter of a small request's time in the benchmark's profile.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginCacheControlDisabled(), adminOnlyMutations()],
    // Depth, alias and cost limits (server/limits); csrfPrevention is Apollo's default, kept on explicitly.
    validationRules: graphqlLimitRules(),
    parseOptions: { maxTokens: DEFAULT_GRAPHQL_LIMITS.maxTokens },
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // GeoJSON leaves PostGIS as text and goes into the response as text (geojson.scalar.ts), not parsed and printed again.
    stringifyResult: stringifyResponse,
    // main.ts drains and closes the store on SIGTERM; Apollo's own handler would re-raise the signal before that.
    stopOnTerminationSignals: false,
    // One error path: known errors pass through as written; anything else is logged and replaced by a plain sentence.
    formatError: (formatted, error) => {
      const original = (error as { originalError?: unknown })?.originalError ?? error;
      if (original instanceof AtlasError) {
        // `http` sets the response status (Apollo reads it before formatting); it is not for the caller to read.
        const { http: _http, ...extensions } = original.extensions;
        return { ...formatted, message: original.message, extensions };
      }
      const code = formatted.extensions?.code;
      if (code && code !== 'INTERNAL_SERVER_ERROR') {
        const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
        return { ...formatted, extensions };
      }
      console.error('[graphql]', original);
      const mapped = fromDatabaseError(original);
      return { message: mapped.message, locations: formatted.locations, path: formatted.path, extensions: { code: mapped.code } };
    },
  });
  await apollo.start();

  app.get('/health', (_request, response) => {
    response.json({ ok: true, store: db.kind, postgis: db.capabilities.postgisVersion, mvt: db.capabilities.asMvt });
  });
  // Every route after this knows its caller: a bad token is a 401 here, before any data is read.
  app.use(authenticate(resolveViewer));
  // GraphQL in an app of its own, without ETags: express would hash every response body for one, and a POST (nearly
  // every GraphQL request) never gets a 304 from it anyway.
  const graphqlApp = express();
  graphqlApp.set('etag', false);
  graphqlApp.disable('x-powered-by');
  graphqlApp.use(
    express.json({ limit: GRAPHQL_BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(db, config, viewerOf(req)),
    }),
  );
  app.use('/graphql', graphqlApp);
  app.use('/tiles', tiles);
  app.use('/api/export', exportRouter(db, config, viewerOf));
  // Uploads: CSRF-checked and admin-only before a byte of the body is read.
  app.use('/api/import', csrfGuard(), adminOnly('import files'), importRouter(db, viewerOf));
  app.use('/ogc', ogcRouter(db, viewerOf));
  if (fs.existsSync(CLIENT_DIST)) {
    app.use(express.static(CLIENT_DIST, { index: 'index.html', maxAge: '1h' }));
    // The client's own routes (/explorer, …) get the page; a path naming a file that is not there (/x/1.mvt) gets the
    // JSON 404 below, not a page that would read as a success.
    app.get(/^\/(?!graphql|tiles|api|ogc)(?![^?#]*\.[A-Za-z0-9]+$).*/, (_request, response) => response.sendFile(path.join(CLIENT_DIST, 'index.html')));
  }
  app.use(jsonNotFound());
  app.use(jsonErrorHandler());
  async function quiesce(maxMs = 5_000): Promise<void> {
    stopping = true;
    // A request already on its way over a kept-alive socket is answered (with Connection: close) before Apollo's
    // drain closes idle sockets; closing them at once refused such a request ("other side closed") in the fault test.
    const started = Date.now();
    lastActivity = Date.now();
    while (Date.now() - started < maxMs && (inFlight > 0 || Date.now() - lastActivity < 200)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  return { app, httpServer, apollo, quiesce };
}

/** Listens on `host` (every interface unless told: config.host, HOST) and answers the port it got. */
export async function listen(atlas: AtlasApp, port: number, host = '0.0.0.0'): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    atlas.httpServer.once('error', reject);
    atlas.httpServer.listen(port, host, () => resolve());
  });
  const address = atlas.httpServer.address();
  return typeof address === 'object' && address ? address.port : port;
}
