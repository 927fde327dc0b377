/**
 * Fixtures of the secret-findings and push-protection tests. Tokens are built at test time from
 * pieces (a seeded random part and its checksum), so no format-valid credential sits in the source.
 */
import { base62Crc32 } from '@postern/secrets';
import { seededRandom } from '../../../test/seeded-random.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

/** A GitHub classic token shape with a valid checksum (the scanner's `github-pat`), made from `seed`. */
export function githubToken(seed: number): string {
  const rand = seededRandom(seed);
  let random = '';
  for (let i = 0; i < 30; i++) random += BASE62[Math.floor(rand() * 62)];
  return `${'gh'}${'p_'}${random}${base62Crc32(random)}`;
}

/** A v2.1 collection with one request per entry of `bearers` (its bearer token). */
export function collectionWithTokens(name: string, bearers: readonly string[]) {
  return {
    info: { name, schema: SCHEMA },
    item: bearers.map((token, i) => ({
      name: `request ${i}`,
      request: {
        method: 'GET',
        url: `https://api.example.test/items/${i}`,
        auth: { type: 'bearer', bearer: [{ key: 'token', value: token, type: 'string' }] },
      },
    })),
  };
}

/** A collection sending `value` as an `X-Api-Key` header. */
export function collectionWithHeader(name: string, value: string) {
  return {
    info: { name, schema: SCHEMA },
    item: [
      {
        name: 'call',
        request: {
          method: 'GET',
          url: 'https://api.example.test/me',
          header: [
            { key: 'Accept', value: 'application/json' },
            { key: 'X-Api-Key', value },
          ],
        },
      },
    ],
  };
}

/**
 * A realistic collection of about `bytes` (folders of requests with headers, bodies and scripts,
 * credentials as `{{variables}}`), for the speed test.
 */
export function realisticCollection(name: string, bytes: number) {
  const item: unknown[] = [];
  let size = 0;
  for (let folder = 0; size < bytes; folder++) {
    const requests = Array.from({ length: 10 }, (_, i) => ({
      name: `Request ${folder}.${i}`,
      request: {
        method: i % 2 ? 'POST' : 'GET',
        url: `https://api.example.test/v1/folder${folder}/items/${i}?page={{page}}&q=search%20${i}`,
        header: [
          { key: 'Accept', value: 'application/json' },
          { key: 'X-Trace', value: `trace-${folder}-${i}` },
          { key: 'Authorization', value: 'Bearer {{token}}' },
        ],
        body: {
          mode: 'raw',
          raw: JSON.stringify({ id: i, folder, note: 'lorem ipsum dolor sit amet '.repeat(12) }),
        },
      },
      event: [
        {
          listen: 'test',
          script: {
            type: 'text/javascript',
            exec: [
              'pm.test("status is 200", () => pm.response.to.have.status(200));',
              `pm.test("item ${i}", () => pm.expect(pm.response.json().id).to.eql(${i}));`,
            ],
          },
        },
      ],
    }));
    const entry = { name: `Folder ${folder}`, item: requests };
    size += JSON.stringify(entry).length;
    item.push(entry);
  }
  return { info: { name, schema: SCHEMA }, item, variable: [{ key: 'page', value: '1' }] };
}
