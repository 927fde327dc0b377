/**
 * Postman's assertions compared with chai-postman 2.0.1 (Newman's plugin) on a separate chai 4
 * instance over postman-collection objects: same pass/fail, same messages.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecution } from './index.ts';
import { fakeBridge, makeInput, textResponse } from './test-harness.ts';
import type { ScriptResponseData } from './types.ts';

const require = createRequire(import.meta.url);
const sdk = require('postman-collection') as {
  Response: new (o: unknown) => unknown;
  Request: new (o: unknown) => unknown;
};
const chaiPostman = require('chai-postman') as (sdk: unknown, lodash: unknown, ajv: unknown) => unknown;
const Ajv = require('ajv') as unknown;

type Expect = (value: unknown) => Record<string, unknown>;

/** A chai 4 instance of its own (the API's chai must not get chai-postman's assertions). */
function freshChai(): { expect: Expect; use(plugin: unknown): void } {
  const chaiDir = dirname(require.resolve('chai/package.json'));
  const saved = new Map<string, unknown>();
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(chaiDir)) {
      saved.set(key, require.cache[key]);
      delete require.cache[key];
    }
  }
  const chai = require('chai') as { expect: Expect; use(plugin: unknown): void };
  for (const [key, value] of saved) require.cache[key] = value as NodeJS.Module;
  return chai;
}

const refChai = freshChai();
refChai.use(chaiPostman(sdk, require('lodash'), Ajv));

function sdkResponse(data: ScriptResponseData): unknown {
  return new sdk.Response({
    code: data.code,
    status: data.status,
    header: data.header,
    stream: Buffer.from(data.bodyBase64, 'base64'),
    responseTime: data.responseTime,
  });
}

const JSON_RESPONSE = textResponse('{"a":1,"b":[1,2],"c":{"d":"x"}}', {
  code: 404,
  status: 'Not Found',
  header: [
    { key: 'Content-Type', value: 'application/json' },
    { key: 'X-Twice', value: '1' },
    { key: 'x-twice', value: '2' },
  ],
});
const TEXT_RESPONSE = textResponse('abc', { code: 201, status: 'Created' });
const EMPTY_RESPONSE = textResponse('', { code: 204, status: 'No Content' });

/** Each case: a chain applied to `subject` (the response, the request, or a literal). */
const CASES: Array<[string, ScriptResponseData, (e: Expect, subject: unknown) => unknown, string?]> = [
  ['status code', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.status(200)],
  ['status code pass', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.status(404)],
  ['status reason', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.status('OK')],
  ['negated status', JSON_RESPONSE, (e, r) => (e(r).to as Chain).not.have.status(404)],
  ['ok', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.ok],
  ['not ok on literal', JSON_RESPONSE, (e) => (e(0).to as Chain).be.ok],
  ['success', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.success],
  ['info', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.info],
  ['redirection', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.redirection],
  ['clientError', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.clientError],
  ['not clientError', JSON_RESPONSE, (e, r) => (e(r).to as Chain).not.be.clientError],
  ['serverError', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.serverError],
  ['error', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).be.error],
  ['not error', JSON_RESPONSE, (e, r) => (e(r).to as Chain).not.be.error],
  ['accepted', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.accepted],
  ['badRequest', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.badRequest],
  ['unauthorized', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.unauthorized],
  ['unauthorised', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.unauthorised],
  ['forbidden', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.forbidden],
  ['notFound', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.notFound],
  ['notAcceptable', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.notAcceptable],
  ['rateLimited', JSON_RESPONSE, (e, r) => (e(r).to as Chain).be.rateLimited],
  ['withoutContent', EMPTY_RESPONSE, (e, r) => (e(r).to as Chain).be.withoutContent],
  ['statusCode', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.statusCode(201)],
  ['statusReason', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.statusReason('Created')],
  ['statusCodeClass', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.statusCodeClass(5)],
  ['header missing', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.header('X-Missing')],
  ['header value', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.header('Content-Type', 'text/plain')],
  ['header multi', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.header('x-TWICE', '2')],
  ['negated header', JSON_RESPONSE, (e, r) => (e(r).to as Chain).not.have.header('content-type')],
  ['body text', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).have.body('xyz')],
  ['body text pass', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).have.body('abc')],
  ['body regexp', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).have.body(/zzz/)],
  ['negated body regexp', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).not.have.body(/b/)],
  ['body object', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.body({ a: 2 })],
  ['body presence', EMPTY_RESPONSE, (e, r) => (e(r).to as Chain).have.body()],
  ['withBody', EMPTY_RESPONSE, (e, r) => (e(r).to as Chain).be.withBody],
  ['json invalid', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).be.json],
  ['json empty', EMPTY_RESPONSE, (e, r) => (e(r).to as Chain).be.json],
  ['not json', JSON_RESPONSE, (e, r) => (e(r).to as Chain).not.be.json],
  ['jsonBody invalid', TEXT_RESPONSE, (e, r) => (e(r).to as Chain).have.jsonBody()],
  ['jsonBody path', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.jsonBody('zzz')],
  ['jsonBody path value', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.jsonBody('c.d', 'y')],
  ['jsonBody index', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.jsonBody('b[1]', 2)],
  ['jsonBody negated', JSON_RESPONSE, (e, r) => (e(r).to as Chain).not.have.jsonBody('a')],
  ['responseTime below', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.responseTime.below(5)],
  ['responseTime equal', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.responseTime(5)],
  ['responseSize', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.responseSize(3)],
  ['responseSize above', JSON_RESPONSE, (e, r) => (e(r).to as Chain).have.responseSize.above(100000)],
  [
    'jsonSchema',
    JSON_RESPONSE,
    (e, r) => (e(r).to as Chain).have.jsonSchema({ type: 'object', required: ['zzz', 'yyy'] }),
  ],
  [
    'jsonSchema pass',
    JSON_RESPONSE,
    (e, r) => (e(r).to as Chain).have.jsonSchema({ type: 'object', properties: { a: { type: 'number' } } }),
  ],
  [
    'jsonSchema data',
    JSON_RESPONSE,
    (e) => (e({ a: 'x' }).to as Chain).have.jsonSchema({ properties: { a: { type: 'number' } } }),
  ],
  ['status on non-response', JSON_RESPONSE, (e) => (e(123).to as Chain).have.status(200)],
  ['header on non-response', JSON_RESPONSE, (e) => (e('x').to as Chain).have.header('a')],
];

// biome-ignore lint/suspicious/noExplicitAny: chai chains are dynamic; the cases read as scripts do
type Chain = any;

function outcome(run: () => unknown): { passed: boolean; name?: string; message?: string } {
  try {
    run();
    return { passed: true };
  } catch (err) {
    const e = err as Error;
    return { passed: false, name: e.name, message: e.message };
  }
}

describe('Postman chai assertions (compared with chai-postman)', () => {
  const globalRequire = globalThis as { require?: unknown };
  beforeAll(() => {
    globalRequire.require = require; // the engine's require: ajv for jsonSchema
  });
  afterAll(() => {
    delete globalRequire.require;
  });

  it.each(CASES)('%s', (_label, response, chain) => {
    const execution = createExecution(makeInput({ response }), fakeBridge());
    const pm = execution.globals.pm as { response: unknown; expect: Expect };
    const ours = outcome(() => chain(pm.expect, pm.response));
    const theirs = outcome(() => chain(refChai.expect, sdkResponse(response)));
    expect(ours).toEqual(theirs);
  });

  it('request header assertions match', () => {
    const definition = { url: 'https://a.com', method: 'GET', header: [{ key: 'A', value: 'b' }] };
    const execution = createExecution(makeInput({ request: definition as never }), fakeBridge());
    const pm = execution.globals.pm as { request: unknown; expect: Expect };
    const theirsRequest = new sdk.Request(definition);
    for (const chain of [
      (e: Expect, r: unknown) => (e(r).to as Chain).have.header('X-None'),
      (e: Expect, r: unknown) => (e(r).to as Chain).have.header('a', 'c'),
      (e: Expect, r: unknown) => (e(r).to as Chain).have.header('a', 'b'),
      (e: Expect, r: unknown) => (e(r).to as Chain).be.postmanRequest,
      (e: Expect, r: unknown) => (e(r).to as Chain).be.postmanResponse,
    ]) {
      expect(outcome(() => chain(pm.expect, pm.request))).toEqual(
        outcome(() => chain(refChai.expect, theirsRequest)),
      );
    }
  });

  it('pm.response.to and pm.request.to are chai chains', () => {
    const execution = createExecution(makeInput({ response: JSON_RESPONSE }), fakeBridge());
    const pm = execution.globals.pm as { response: { to: Chain }; request: { to: Chain } };
    expect(outcome(() => pm.response.to.have.status(404))).toEqual({ passed: true });
    expect(outcome(() => pm.response.to.not.be.error)).toMatchObject({
      passed: false,
      message: 'expected response code to not be 4XX or 5XX',
    });
    expect(outcome(() => pm.request.to.have.header('Accept'))).toEqual({ passed: true });
  });
});
