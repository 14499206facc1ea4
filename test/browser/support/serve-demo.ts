// Serves the browser-test hub by hand (npx tsx test/browser/support/serve-demo.ts [tiny|demo] [port]) to look at the client.
import http from 'node:http';
import { startBrowserHub } from './browser-hub.js';

const scale = (process.argv[2] ?? 'tiny') as 'tiny' | 'demo';
const port = Number(process.argv[3] ?? 4100);
const hub = await startBrowserHub(scale);
// A fixed port in front of the test hub's random one, so a browser can be pointed at it.
const target = new URL(hub.url);
http
  .createServer((request, response) => {
    const upstream = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    request.pipe(upstream);
  })
  .listen(port, () => console.log(`demo hub (${scale}, ${hub.storeKind}) at http://127.0.0.1:${port}/ -> ${hub.url}\nanalyst token: ${hub.token('analyst')}`));
