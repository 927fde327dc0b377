import { describe, expect, it } from 'vitest';
import {
  checkEgress,
  describeEgressViolation,
  type EgressRequest,
  type EgressSecret,
} from './check-egress.ts';

const stripe: EgressSecret = {
  name: 'stripeKey',
  value: 'sk_live_51Hx9Qa2',
  allowedDomains: ['api.stripe.com'],
};
const request = (over: Partial<EgressRequest> = {}): EgressRequest => ({
  url: 'https://evil.example/v1/charges',
  headers: [{ key: 'Accept', value: '*/*' }],
  ...over,
});
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('checkEgress', () => {
  it('allows a secret to its own host and a request without secrets anywhere', () => {
    const withKey = { headers: [{ key: 'Authorization', value: `Bearer ${stripe.value}` }] };
    expect(checkEgress(request({ url: 'https://API.stripe.com/v1', ...withKey }), [stripe])).toEqual({
      allowed: true,
    });
    expect(checkEgress(request(), [stripe])).toEqual({ allowed: true });
  });

  it('finds the value in the URL, a header or the body, and says where', () => {
    expect(checkEgress(request({ url: `https://evil.example/?key=${stripe.value}` }), [stripe])).toEqual({
      allowed: false,
      secret: 'stripeKey',
      host: 'evil.example',
      where: 'url',
      allowedDomains: ['api.stripe.com'],
    });
    const header = checkEgress(request({ headers: [{ key: 'X-Key', value: stripe.value }] }), [stripe]);
    expect(header).toMatchObject({ allowed: false, where: 'header' });
    const name = checkEgress(request({ headers: [{ key: stripe.value, value: '1' }] }), [stripe]);
    expect(name).toMatchObject({ allowed: false, where: 'header' });
    const body = checkEgress(request({ body: JSON.stringify({ key: stripe.value }) }), [stripe]);
    expect(body).toMatchObject({ allowed: false, where: 'body' });
  });

  it('finds percent-encoded, form-encoded and JSON-escaped values', () => {
    const odd: EgressSecret = { name: 'odd', value: 'p@ss w/rd+"ü"', allowedDomains: ['a.test'] };
    expect(
      checkEgress(request({ url: `https://x.test/?p=${encodeURIComponent(odd.value)}` }), [odd]),
    ).toMatchObject({ where: 'url' });
    const form = new URLSearchParams({ p: odd.value }).toString();
    expect(form).toContain('+');
    expect(checkEgress(request({ body: form }), [odd])).toMatchObject({ where: 'body' });
    const lowerHex = encodeURIComponent(odd.value).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    expect(checkEgress(request({ body: `p=${lowerHex}` }), [odd])).toMatchObject({ where: 'body' });
    expect(checkEgress(request({ body: JSON.stringify({ p: odd.value }) }), [odd])).toMatchObject({
      where: 'body',
    });
  });

  it('finds the value inside base64 at every alignment (Basic auth, base64url tokens)', () => {
    for (const user of ['u', 'us', 'use', 'user']) {
      const basic = { key: 'Authorization', value: `Basic ${b64(`${user}:${stripe.value}`)}` };
      expect(checkEgress(request({ headers: [basic] }), [stripe]), user).toMatchObject({ where: 'header' });
    }
    const token = Buffer.from(`{"k":"${stripe.value}"}`).toString('base64url');
    expect(checkEgress(request({ url: `https://evil.example/?t=${token}` }), [stripe])).toMatchObject({
      where: 'url',
    });
    expect(checkEgress(request({ body: b64(`user:${'sk_live_51Hx9Qb2'}`) }), [stripe])).toEqual({
      allowed: true,
    });
  });

  it('checks every secret, and ignores values too short to tell', () => {
    const other: EgressSecret = {
      name: 'githubToken',
      value: 'ghp_abcdef123456',
      allowedDomains: ['*.github.com'],
    };
    const sent = request({ url: 'https://api.github.com/', headers: [{ key: 'X', value: stripe.value }] });
    expect(checkEgress(sent, [other, stripe])).toMatchObject({ secret: 'stripeKey', host: 'api.github.com' });
    expect(checkEgress(sent, [other])).toEqual({ allowed: true });
    const tiny: EgressSecret = { name: 'pin', value: '123', allowedDomains: ['a.test'] };
    expect(checkEgress(request({ body: '123' }), [tiny])).toEqual({ allowed: true });
  });

  it('uses the host the caller gives, and refuses when the URL has no host', () => {
    const sent = request({ url: `https://api.stripe.com/?k=${stripe.value}`, host: 'evil.example' });
    expect(checkEgress(sent, [stripe])).toMatchObject({ allowed: false, host: 'evil.example' });
    expect(checkEgress(request({ url: `not a url ${stripe.value}` }), [stripe])).toMatchObject({
      allowed: false,
      host: '',
    });
  });

  it('describes a violation with the name and hosts, never the value', () => {
    const decision = checkEgress(request({ headers: [{ key: 'X', value: stripe.value }] }), [stripe]);
    if (decision.allowed) throw new Error('expected a refusal');
    const message = describeEgressViolation(decision);
    expect(message).toBe(
      'refused to send secret "stripeKey" to host evil.example (allowed: api.stripe.com; found in a header)',
    );
    expect(message).not.toContain(stripe.value);
  });
});
