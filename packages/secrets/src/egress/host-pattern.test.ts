import { describe, expect, it } from 'vitest';
import { HostPatternError, hostAllowed, normaliseHost, parseHostPattern } from './host-pattern.ts';

describe('host patterns', () => {
  it('matches an exact host case-insensitively, with or without a trailing dot', () => {
    expect(hostAllowed('api.stripe.com', ['api.stripe.com'])).toBe(true);
    expect(hostAllowed('API.Stripe.COM', ['api.stripe.com'])).toBe(true);
    expect(hostAllowed('api.stripe.com.', ['API.STRIPE.COM'])).toBe(true);
    expect(hostAllowed('stripe.com', ['api.stripe.com'])).toBe(false);
    expect(hostAllowed('evil-api.stripe.com', ['api.stripe.com'])).toBe(false);
    expect(hostAllowed('api.stripe.com.evil.example', ['api.stripe.com'])).toBe(false);
  });

  it('matches sub-domains only with *.', () => {
    const patterns = ['*.example.com'];
    expect(hostAllowed('a.example.com', patterns)).toBe(true);
    expect(hostAllowed('a.b.example.com', patterns)).toBe(true);
    expect(hostAllowed('example.com', patterns)).toBe(false);
    expect(hostAllowed('badexample.com', patterns)).toBe(false);
    expect(hostAllowed('example.com.evil.example', patterns)).toBe(false);
  });

  it('compares internationalised names in their ASCII (punycode) form', () => {
    expect(normaliseHost('BÜCHER.example')).toBe('xn--bcher-kva.example');
    expect(hostAllowed('xn--bcher-kva.example', ['bücher.example'])).toBe(true);
    expect(hostAllowed('shop.bücher.example', ['*.XN--BCHER-KVA.example'])).toBe(true);
    expect(hostAllowed('bucher.example', ['bücher.example'])).toBe(false);
  });

  it('matches IP addresses as the URL parser writes them', () => {
    expect(hostAllowed('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(hostAllowed('[::1]', ['::1'])).toBe(true);
    expect(hostAllowed('[::1]', ['[0:0::1]'])).toBe(true);
    expect(hostAllowed('127.0.0.1', ['localhost'])).toBe(false);
  });

  it('parses patterns, and explains the ones it refuses', () => {
    expect(parseHostPattern('*.Example.com')).toEqual({ kind: 'subdomains', host: 'example.com' });
    expect(parseHostPattern('api.stripe.com')).toEqual({ kind: 'exact', host: 'api.stripe.com' });
    const refused: Array<[string, RegExp]> = [
      ['https://api.stripe.com', /no scheme/],
      ['api.stripe.com:443', /no port/],
      ['api.*.com', /only as the first label/],
      ['*', /only as the first label/],
      ['', /empty/],
      ['api.stripe.com/v1', /not a valid host/],
      ['user@host', /not a valid host/],
      ['*.10.0.0.1', /no wildcard on an IP address/],
    ];
    for (const [pattern, why] of refused) {
      expect(() => parseHostPattern(pattern), pattern).toThrow(HostPatternError);
      expect(() => parseHostPattern(pattern), pattern).toThrow(why);
    }
  });

  it('lets a broken pattern allow nothing', () => {
    expect(hostAllowed('api.stripe.com', ['https://api.stripe.com'])).toBe(false);
    expect(hostAllowed('api.stripe.com', ['https://api.stripe.com', 'api.stripe.com'])).toBe(true);
    expect(hostAllowed('', ['api.stripe.com'])).toBe(false);
  });
});
