/**
 * Test fixture for differential tests against Newman: a local HTTP server and a collection that
 * exercises every report feature (passing, failing and skipped assertions, console output, a
 * pre-request script error, a 404, a refused connection, a folder).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReferenceServer {
  base: string;
  port: string;
  close(): Promise<void>;
}

/** Echoes the request as JSON; paths starting with `/missing` answer 404. */
export async function startReferenceServer(): Promise<ReferenceServer> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.setHeader('date', 'Mon, 06 May 2024 07:08:09 GMT');
      res.statusCode = req.url?.startsWith('/missing') ? 404 : 200;
      res.end(JSON.stringify({ url: req.url, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = String((server.address() as AddressInfo).port);
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A v2.1 collection already in Postern's normalised shape (ids everywhere, url objects), so both runners agree. */
export function differentialCollection(port: string): Record<string, unknown> {
  const url = (path: string, targetPort = port) => ({
    raw: `http://127.0.0.1:${targetPort}${path}`,
    protocol: 'http',
    host: ['127', '0', '0', '1'],
    port: targetPort,
    path: path.replace(/^\//, '').split('?')[0]?.split('/') ?? [],
  });
  const script = (id: string, exec: string[]) => ({ id, type: 'text/javascript', exec });
  return {
    info: {
      _postman_id: 'c0ffee00-0000-4000-8000-000000000001',
      name: 'Differential',
      schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json',
    },
    item: [
      {
        id: 'item-get',
        name: 'get thing',
        request: { url: url('/thing'), method: 'GET', header: [{ key: 'X-Trace', value: 'abc' }] },
        response: [],
        event: [
          {
            listen: 'test',
            script: script('script-1', [
              'pm.test("status ok", () => pm.response.to.have.status(200));',
              'console.log("hello", { a: 1 });',
              'console.warn("careful");',
              'pm.test("fails", () => pm.expect(1).to.equal(2));',
              'pm.test.skip("skipped", () => {});',
            ]),
          },
        ],
        variable: [],
      },
      {
        id: 'folder-1',
        name: 'Folder',
        item: [
          {
            id: 'item-post',
            name: 'post missing',
            request: {
              url: url('/missing'),
              method: 'POST',
              header: [],
              body: { mode: 'raw', raw: '{"x":1}' },
            },
            response: [],
            event: [
              { listen: 'prerequest', script: script('script-2', ['throw new Error("pre boom")']) },
              {
                listen: 'test',
                script: script('script-3', ['pm.test("is 200", () => pm.response.to.have.status(200));']),
              },
            ],
            variable: [],
          },
          {
            id: 'item-refused',
            name: 'refused',
            request: { url: url('/x', '1'), method: 'GET', header: [] },
            response: [],
            event: [],
            variable: [],
          },
        ],
        event: [],
        variable: [],
      },
      {
        id: 'item-root-2',
        name: 'back at root',
        request: { url: url('/again'), method: 'GET', header: [] },
        response: [],
        event: [],
        variable: [],
      },
    ],
    event: [],
    variable: [{ key: 'answer', value: '42' }],
  };
}
