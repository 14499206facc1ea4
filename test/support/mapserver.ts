// MapServer 8 as another department's server: mapserv run as CGI behind a loopback HTTP wrapper, serving one GeoJSON
// file as WFS 2.0 (at /wfs) and OGC API – Features (at /dept/ogcapi). The recipe: ../shared/recipes/mapserver-ogc.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const MAPSERV = '/usr/lib/cgi-bin/mapserv';
export const hasMapserver = fs.existsSync(MAPSERV);

export interface MapServer {
  url: string;
  /** The WFS 2.0 endpoint (its MAP parameter included). */
  wfsUrl: string;
  /** The OGC API – Features collection of the layer. */
  collectionUrl: string;
  /** Replaces the file the layer is served from. */
  write(features: GeoJSON.FeatureCollection): void;
  close(): Promise<void>;
}

function mapfile(dir: string, port: number, layerName: string, geoJson: boolean): string {
  return `MAP
  NAME "dept"
  EXTENT -180 -90 180 90
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "ows_title" "Transport department"
      "ows_onlineresource" "http://127.0.0.1:${port}/wfs?MAP=${dir}/layer.map&"
      "ows_srs" "EPSG:4326"
      "ows_enable_request" "*"
      "oga_onlineresource" "http://127.0.0.1:${port}/dept/ogcapi"
    END
  END
  LAYER
    NAME "${layerName}"
    TYPE POINT
    STATUS ON
    TEMPLATE "void"
    EXTENT -180 -90 180 90
    CONNECTIONTYPE OGR
    CONNECTION "${dir}/layer.geojson"
    PROJECTION "init=epsg:4326" END
    METADATA
      "ows_title" "${layerName}"
      "gml_include_items" "all"
      "gml_featureid" "code"
      ${geoJson ? '"wfs_getfeature_formatlist" "geojson"' : ''}
    END
  END
  OUTPUTFORMAT NAME "geojson" DRIVER "OGR/GEOJSON" MIMETYPE "application/json; subtype=geojson"
    FORMATOPTION "STORAGE=stream" FORMATOPTION "FORM=SIMPLE" END
END
`;
}

/** Runs mapserv once per request with the request in its CGI environment, and copies its headers and body back. */
function runCgi(env: NodeJS.ProcessEnv): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(MAPSERV, [], { env, encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 }, (error, stdout) => (error && stdout.length === 0 ? reject(error) : resolve(stdout)));
  });
}

/** `geoJson: false` leaves GeoJSON out of the WFS's output formats, so it answers GML 3.2 only. */
export async function startMapServer(options: { layerName?: string; geoJson?: boolean } = {}): Promise<MapServer> {
  const layerName = options.layerName ?? 'stops';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-mapserver-'));
  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const isWfs = url.pathname === '/wfs';
    try {
      const output = await runCgi({
        PATH: process.env.PATH,
        MAPSERVER_CONFIG_FILE: path.join(dir, 'dept.conf'),
        REQUEST_METHOD: 'GET',
        QUERY_STRING: url.search.replace(/^\?/, ''),
        ...(isWfs ? {} : { PATH_INFO: url.pathname }),
        SERVER_NAME: '127.0.0.1',
        SERVER_PORT: String((server.address() as AddressInfo).port),
        HTTP_ACCEPT: request.headers.accept ?? '*/*',
      });
      const split = output.indexOf('\r\n\r\n') >= 0 ? output.indexOf('\r\n\r\n') : output.indexOf('\n\n');
      const headerText = output.subarray(0, split).toString('latin1');
      const body = output.subarray(split + (output[split] === 13 ? 4 : 2));
      let status = 200;
      for (const line of headerText.split(/\r?\n/)) {
        const [name, ...rest] = line.split(':');
        const value = rest.join(':').trim();
        if (/^status$/i.test(name)) status = Number(value.split(' ')[0]);
        else if (name) response.setHeader(name, value);
      }
      response.statusCode = status;
      response.end(body);
    } catch (error) {
      response.statusCode = 502;
      response.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fs.writeFileSync(path.join(dir, 'layer.map'), mapfile(dir, port, layerName, options.geoJson ?? true));
  fs.writeFileSync(path.join(dir, 'dept.conf'), `CONFIG\n  ENV\n    MS_MAP_PATTERN "^${dir}/"\n  END\n  MAPS\n    "dept" "${dir}/layer.map"\n  END\nEND\n`);
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    wfsUrl: `${url}/wfs?MAP=${encodeURIComponent(`${dir}/layer.map`)}`,
    collectionUrl: `${url}/dept/ogcapi/collections/${layerName}`,
    write(features) {
      fs.writeFileSync(path.join(dir, 'layer.geojson'), JSON.stringify(features));
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
