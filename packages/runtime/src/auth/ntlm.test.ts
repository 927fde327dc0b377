import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ntlmSigner, splitDomainFromUsername } from './ntlm.ts';
import { negotiateMessage } from './ntlm-messages.ts';
import {
  authParams,
  type CapturedRequest,
  type CaptureServer,
  fixedContext,
  headerValue,
  makeRequest,
  runExchange,
  runNewman,
  type ServerReply,
  startCaptureServer,
} from './testing.ts';
import type { AuthParams } from './types.ts';

/** NTOWFv1("Password") from MS-NLMP §4.2.2.1.2, so the server does not rely on our MD4. */
const NT_HASH = Buffer.from('a4f49c406510bdcab6824ee7c30fd852', 'hex');
const SERVER_CHALLENGE = Buffer.from('0123456789abcdef', 'hex');
const TARGET_INFO = Buffer.from(
  '02000c0044006f006d00610069006e0001000c00530065007200760065007200000000 00'.replace(/ /g, ''),
  'hex',
);

function challengeMessage(): string {
  const buf = Buffer.alloc(48 + TARGET_INFO.length);
  buf.write('NTLMSSP\0', 0, 'latin1');
  buf.writeUInt32LE(2, 8);
  buf.writeUInt32LE(0xa2898205, 20); // unicode, NTLM, always sign, extended security, target info, version, 128, 56
  SERVER_CHALLENGE.copy(buf, 24);
  buf.writeUInt16LE(TARGET_INFO.length, 40);
  buf.writeUInt16LE(TARGET_INFO.length, 42);
  buf.writeUInt32LE(48, 44);
  TARGET_INFO.copy(buf, 48);
  return `NTLM ${buf.toString('base64')}`;
}

interface Authenticate {
  domain: string;
  user: string;
  workstation: string;
  flags: number;
  nt: Buffer;
}

function readAuthenticate(header: string): Authenticate | undefined {
  const buf = Buffer.from(header.slice(5), 'base64');
  if (buf.readUInt32LE(8) !== 3) return undefined;
  const flags = buf.readUInt32LE(60);
  const field = (at: number) =>
    buf.subarray(buf.readUInt32LE(at + 4), buf.readUInt32LE(at + 4) + buf.readUInt16LE(at));
  const text = (at: number) => field(at).toString(flags & 1 ? 'utf16le' : 'latin1');
  return { domain: text(28), user: text(36), workstation: text(44), flags, nt: field(20) };
}

/** Checks an NTLMv2 response the way a server does: recompute NTProofStr from the blob. */
function verifies(message: Authenticate): boolean {
  const key = createHmac('md5', NT_HASH)
    .update(Buffer.from(message.user.toUpperCase() + message.domain, 'utf16le'))
    .digest();
  const blob = message.nt.subarray(16);
  const proof = createHmac('md5', key)
    .update(Buffer.concat([SERVER_CHALLENGE, blob]))
    .digest();
  return proof.equals(message.nt.subarray(0, 16));
}

function ntlmServer(results: boolean[], offer = 'NTLM') {
  return (request: CapturedRequest): ServerReply => {
    const auth = headerValue(request.headers, 'authorization') ?? '';
    if (!auth.startsWith('NTLM ')) return { status: 401, headers: { 'WWW-Authenticate': offer } };
    const type = Buffer.from(auth.slice(5), 'base64').readUInt32LE(8);
    if (type === 1) return { status: 401, headers: { 'WWW-Authenticate': challengeMessage() } };
    const message = readAuthenticate(auth);
    const ok = message !== undefined && verifies(message);
    results.push(ok);
    return ok ? { status: 200, body: 'welcome' } : { status: 401, headers: { 'WWW-Authenticate': offer } };
  };
}

describe('splitDomainFromUsername', () => {
  it('reads down-level and UPN forms, and nothing else', () => {
    expect(splitDomainFromUsername('CORP\\alice')).toEqual({ username: 'alice', domain: 'CORP' });
    expect(splitDomainFromUsername('alice@corp.example')).toEqual({
      username: 'alice',
      domain: 'corp.example',
    });
    expect(splitDomainFromUsername('CORP\\alice@x')).toEqual({ username: 'CORP\\alice@x', domain: '' });
    expect(splitDomainFromUsername('\\alice')).toEqual({ username: '\\alice', domain: '' });
    expect(splitDomainFromUsername('')).toEqual({ username: '', domain: '' });
  });
});

describe('ntlmSigner state machine', () => {
  const response = (code: number, wwwAuthenticate?: string) => ({
    code,
    status: '',
    headers: wwwAuthenticate ? [{ key: 'WWW-Authenticate', value: wwwAuthenticate }] : [],
    body: Buffer.alloc(0),
    responseTime: 0,
    responseSize: 0,
  });

  it('sends nothing first, then NEGOTIATE when NTLM is offered', () => {
    const params: AuthParams = { username: 'u', password: 'p' };
    const request = makeRequest('GET', 'http://h/', [{ key: 'Authorization', value: 'stale' }]);
    ntlmSigner.sign(params, request, fixedContext());
    expect(request.headers).toEqual([]);
    expect(ntlmSigner.afterResponse?.(params, request, response(401, 'Negotiate, NTLM'))).toBe(true);
    const replay = makeRequest('GET', 'http://h/');
    ntlmSigner.sign(params, replay, fixedContext());
    expect(headerValue(replay.headers, 'authorization')).toBe(negotiateMessage('', ''));
  });

  it('stops when the server does not offer NTLM, succeeds, or retries are disabled', () => {
    const params: AuthParams = { username: 'u' };
    ntlmSigner.sign(params, makeRequest('GET', 'http://h/'), fixedContext());
    expect(
      ntlmSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), response(401, 'Basic realm="x"')),
    ).toBe(false);
    expect(ntlmSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), response(200))).toBe(false);
    const noRetry: AuthParams = { username: 'u', disableRetryRequest: true };
    expect(ntlmSigner.afterResponse?.(noRetry, makeRequest('GET', 'http://h/'), response(401, 'NTLM'))).toBe(
      false,
    );
  });

  it('resets when the CHALLENGE is missing or broken', () => {
    const params: AuthParams = { username: 'u' };
    ntlmSigner.sign(params, makeRequest('GET', 'http://h/'), fixedContext());
    expect(ntlmSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), response(401, 'NTLM'))).toBe(
      true,
    );
    expect(
      ntlmSigner.afterResponse?.(params, makeRequest('GET', 'http://h/'), response(401, 'NTLM !!!')),
    ).toBe(false);
    expect(params.state).toBe('INITIALIZED');
    expect(params.ntlmHeader).toBeUndefined();
  });
});

describe('ntlm handshake against a local server', () => {
  const results: boolean[] = [];
  let server: CaptureServer;
  beforeAll(async () => {
    server = await startCaptureServer(ntlmServer(results));
  });
  afterAll(async () => {
    await server.close();
  });

  it('authenticates with NTLMv2 in three requests', async () => {
    results.length = 0;
    server.captured.length = 0;
    const params: AuthParams = { username: 'Domain\\User', password: 'Password', workstation: 'computer' };
    const { response, sent } = await runExchange(
      ntlmSigner,
      params,
      () => makeRequest('GET', `${server.origin}/secure`),
      fixedContext(),
    );
    expect(response.code).toBe(200);
    expect(sent).toHaveLength(3);
    expect(results).toEqual([true]);
    const message = readAuthenticate(headerValue(sent[2]?.headers ?? [], 'authorization') ?? '');
    expect(message).toMatchObject({ domain: 'DOMAIN', user: 'User', workstation: 'COMPUTER' });
    expect(params.state).toBe('INITIALIZED');
  });

  it('fails verification with a wrong password', async () => {
    results.length = 0;
    const params: AuthParams = { username: 'User', domain: 'Domain', password: 'wrong' };
    const { response } = await runExchange(
      ntlmSigner,
      params,
      () => makeRequest('GET', `${server.origin}/`),
      fixedContext(),
    );
    expect(response.code).toBe(401);
    expect(results).toEqual([false]);
  });

  it('sends what Newman sends: the same NEGOTIATE, an AUTHENTICATE with the same fields', async () => {
    results.length = 0;
    server.captured.length = 0;
    const params = { username: 'User', password: 'Password', domain: 'Domain', workstation: 'computer' };
    await runNewman([
      {
        name: 'ntlm',
        request: {
          method: 'GET',
          url: `${server.origin}/secure`,
          auth: { type: 'ntlm', ntlm: authParams(params) },
        },
      },
    ]);
    const newmanSent = server.captured.map((r) => headerValue(r.headers, 'authorization'));
    expect(results).toEqual([true]);
    expect(newmanSent).toHaveLength(3);

    server.captured.length = 0;
    const { sent } = await runExchange(
      ntlmSigner,
      { ...params },
      () => makeRequest('GET', `${server.origin}/secure`),
      fixedContext(),
    );
    const ours = sent.map((r) => headerValue(r.headers, 'authorization'));
    expect(results).toEqual([true, true]);
    expect(ours[0]).toBe(newmanSent[0]);
    expect(ours[1]).toBe(newmanSent[1]);
    const { nt: _ourNt, ...ourFields } = readAuthenticate(ours[2] ?? '') as Authenticate;
    const { nt: _theirNt, ...theirFields } = readAuthenticate(newmanSent[2] ?? '') as Authenticate;
    expect(ourFields).toEqual(theirFields);
  });
});
