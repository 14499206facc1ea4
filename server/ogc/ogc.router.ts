// OGC API – Features at /ogc (landing page, conformance, collections, items with bbox/limit/offset, one item), so QGIS can add any layer.
import express from 'express';
import type { Database } from '../db/database.js';
import type { Viewer } from '../auth/viewer.js';
import { checkItemsParameters, collectionLayer, extentOf, featurePage, parseBbox, parseLimit, parseOffset, TITLES, visibleLayers } from './ogc.service.js';
import type { Layer } from '../layers.js';
import { notFound } from '../errors.js';

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
];

function baseUrl(request: express.Request): string {
  return `${request.protocol}://${request.get('host')}${request.baseUrl}`;
}

function collection(base: string, layer: Layer, bbox: number[] | null) {
  return {
    id: layer.name,
    title: TITLES[layer.name],
    description: `The ${layer.name} layer of the hub (${layer.geometry}; attributes ${layer.attributes.map((a) => a.name).join(', ')}).`,
    itemType: 'feature',
    crs: [CRS84],
    ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
    links: [
      { href: `${base}/collections/${layer.name}`, rel: 'self', type: 'application/json', title: 'This collection' },
      { href: `${base}/collections/${layer.name}/items`, rel: 'items', type: 'application/geo+json', title: 'Its features' },
    ],
  };
}

/** Query parameters of a page link, with the offset moved. */
function pageHref(request: express.Request, base: string, offset: number): string {
  const params = new URLSearchParams(Object.entries(request.query).filter(([key]) => key !== 'offset').map(([key, value]) => [key, String(value)]));
  params.set('offset', String(offset));
  return `${base}/collections/${request.params.id}/items?${params}`;
}

export function ogcRouter(db: Database, viewerOf: (request: express.Request) => Viewer): express.Router {
  const router = express.Router();
  const route = (path: string, handler: (request: express.Request, response: express.Response) => Promise<void> | void) =>
    router.get(path, async (request, response, next) => {
      try {
        response.set('Cache-Control', 'private, no-cache');
        response.set('Vary', 'Authorization');
        await handler(request, response);
      } catch (error) {
        next(error);
      }
    });

  route('/', (request, response) => {
    const base = baseUrl(request);
    response.json({
      title: 'Shequ Atlas',
      description: 'The community-governance layers of the hub as OGC API – Features (GeoJSON, WGS84 lon/lat).',
      links: [
        { href: base, rel: 'self', type: 'application/json', title: 'This document' },
        { href: `${base}/conformance`, rel: 'conformance', type: 'application/json', title: 'Conformance classes' },
        { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'The collections' },
      ],
    });
  });

  route('/conformance', (_request, response) => {
    response.json({ conformsTo: CONFORMANCE });
  });

  route('/collections', async (request, response) => {
    const base = baseUrl(request);
    const viewer = viewerOf(request);
    const layers = visibleLayers(viewer);
    const extents: (number[] | null)[] = [];
    for (const layer of layers) extents.push(await extentOf(db, layer, viewer));
    response.json({
      links: [{ href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'This document' }],
      collections: layers.map((layer, i) => collection(base, layer, extents[i])),
    });
  });

  route('/collections/:id', async (request, response) => {
    const viewer = viewerOf(request);
    const layer = collectionLayer(viewer, request.params.id as string);
    response.json(collection(baseUrl(request), layer, await extentOf(db, layer, viewer)));
  });

  route('/collections/:id/items', async (request, response) => {
    const base = baseUrl(request);
    const viewer = viewerOf(request);
    const layer = collectionLayer(viewer, request.params.id as string);
    checkItemsParameters(request.query);
    const limit = parseLimit(request.query.limit);
    const offset = parseOffset(request.query.offset);
    const page = await featurePage(db, layer, viewer, { bbox: parseBbox(request.query.bbox) }, limit, offset);
    const links = [
      { href: pageHref(request, base, offset), rel: 'self', type: 'application/geo+json', title: 'This page' },
      { href: `${base}/collections/${layer.name}`, rel: 'collection', type: 'application/json', title: 'The collection' },
    ];
    if (offset + page.features.length < page.numberMatched) links.push({ href: pageHref(request, base, offset + limit), rel: 'next', type: 'application/geo+json', title: 'Next page' });
    if (offset > 0) links.push({ href: pageHref(request, base, Math.max(0, offset - limit)), rel: 'prev', type: 'application/geo+json', title: 'Previous page' });
    response.type('application/geo+json').send(JSON.stringify({
      type: 'FeatureCollection',
      features: page.features,
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      timeStamp: new Date().toISOString(),
      links,
    }));
  });

  route('/collections/:id/items/:featureId', async (request, response) => {
    const viewer = viewerOf(request);
    const layer = collectionLayer(viewer, request.params.id as string);
    const page = await featurePage(db, layer, viewer, { code: request.params.featureId as string }, 1, 0);
    if (page.features.length === 0) throw notFound(`There is no feature "${request.params.featureId}" in ${layer.name} for you.`);
    const base = baseUrl(request);
    response.type('application/geo+json').send(JSON.stringify({
      ...page.features[0],
      links: [
        { href: `${base}/collections/${layer.name}/items/${encodeURIComponent(String(request.params.featureId))}`, rel: 'self', type: 'application/geo+json' },
        { href: `${base}/collections/${layer.name}`, rel: 'collection', type: 'application/json' },
      ],
    }));
  });
  return router;
}
