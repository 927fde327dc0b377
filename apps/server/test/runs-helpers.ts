/**
 * Helpers of the server-side run, private-value and SSRF tests: a workspace with members in given
 * roles, collections and environments made through the API, and a recording HTTP server (the
 * echo fixture cannot say whether a request reached it).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestClient } from './helpers.ts';

/** A private workspace (no team) owned by `owner`, with `members` given explicit roles. */
export async function makeWorkspace(
  owner: TestClient,
  members: Array<{ userId: string; role: 'admin' | 'editor' | 'viewer' }> = [],
): Promise<string> {
  const made = await owner.post('/api/workspaces', { workspace: { name: 'Runs', type: 'private' } });
  if (made.status !== 201) throw new Error(`workspace: ${made.status} ${JSON.stringify(made.body)}`);
  const id: string = made.body.workspace.id;
  if (members.length > 0) {
    const roles = await owner.patch(`/api/workspaces/${id}/roles`, { roles: members });
    if (roles.status !== 200) throw new Error(`roles: ${roles.status} ${JSON.stringify(roles.body)}`);
  }
  return id;
}

export interface ItemSpec {
  name: string;
  url: string;
  method?: string;
  header?: Array<{ key: string; value: string }>;
  prerequest?: string;
  test?: string;
  body?: unknown;
}

/** A Postman v2.1 collection of plain requests with optional scripts. */
export function collectionJson(name: string, items: ItemSpec[], variable: unknown[] = []): unknown {
  const script = (listen: string, code?: string) =>
    code ? [{ listen, script: { type: 'text/javascript', exec: code.split('\n') } }] : [];
  return {
    info: { name, schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json' },
    variable,
    item: items.map((i) => ({
      name: i.name,
      event: [...script('prerequest', i.prerequest), ...script('test', i.test)],
      request: {
        method: i.method ?? 'GET',
        url: i.url,
        header: i.header ?? [],
        ...(i.body ? { body: i.body } : {}),
      },
    })),
  };
}

export async function makeCollection(
  client: TestClient,
  workspaceId: string,
  collection: unknown,
): Promise<string> {
  const made = await client.post(`/api/collections?workspace=${workspaceId}`, { collection });
  if (made.status !== 201) throw new Error(`collection: ${made.status} ${JSON.stringify(made.body)}`);
  return made.body.collection.id;
}

export async function makeEnvironment(
  client: TestClient,
  workspaceId: string,
  values: Array<{ key: string; value: string; type?: 'default' | 'secret' }>,
): Promise<string> {
  const made = await client.post(`/api/environments?workspace=${workspaceId}`, {
    environment: { name: 'Env', values: values.map((v) => ({ type: 'default', enabled: true, ...v })) },
  });
  if (made.status !== 201) throw new Error(`environment: ${made.status} ${JSON.stringify(made.body)}`);
  return made.body.environment.id;
}

export interface RecordingServer {
  url: string;
  port: number;
  /** Request targets that arrived. */
  hits: string[];
  /** Their bodies, as text. */
  bodies: string[];
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 that answers 200 and records every request target. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const hits: string[] = [];
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.end('reached');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
