import { createRequire } from 'node:module';
import { parse as legacyParseUrl, type UrlWithStringQuery } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hawkHeader, hawkSigner } from './hawk.ts';
import { fixedContext, headerValue, makeRequest, rawBody } from './testing.ts';

const CREDENTIALS = {
  authId: 'dh37fgj492je',
  authKey: 'werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn',
  algorithm: 'sha256',
};

describe('hawk known answers (hapijs/hawk README)', () => {
  it('produces the documented header for a GET', () => {
    const request = makeRequest('GET', 'http://example.com:8000/resource/1?b=1&a=2');
    hawkSigner.sign(
      { ...CREDENTIALS, timestamp: '1353832234', nonce: 'j4h3g2', extraData: 'some-app-ext-data' },
      request,
      fixedContext(),
    );
    expect(headerValue(request.headers, 'authorization')).toBe(
      'Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="',
    );
  });

  it('produces the documented payload hash and mac for a POST', () => {
    const request = makeRequest(
      'POST',
      'http://example.com:8000/resource/1?b=1&a=2',
      [{ key: 'Content-Type', value: 'text/plain' }],
      rawBody('Thank you for flying Hawk'),
    );
    hawkSigner.sign(
      {
        ...CREDENTIALS,
        timestamp: '1353832234',
        nonce: 'j4h3g2',
        extraData: 'some-app-ext-data',
        includePayloadHash: true,
      },
      request,
      fixedContext(),
    );
    const header = headerValue(request.headers, 'authorization');
    expect(header).toContain('hash="Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY="');
    expect(header).toContain('mac="aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw="');
  });
});

describe('hawkSigner', () => {
  it('agrees with postman-request’s hawk.js on app/dlg, escaping and default ports', () => {
    const reference = createRequire(import.meta.url)('postman-request/lib/hawk') as {
      header(uri: unknown, method: string, opts: Record<string, unknown>): string;
    };
    for (const href of ['https://Example.com/a/b?x=1', 'http://h.test/', 'http://h.test:81/p|q?a=b\\c']) {
      const options = {
        credentials: { id: 'id', key: 'key', algorithm: 'sha1' },
        timestamp: '42',
        nonce: 'abc',
        ext: 'a"b\\c\nd\\e',
        app: 'app',
        dlg: 'dlg',
      };
      const expected = reference.header(legacyParseUrl(href), 'post', options);
      expect(
        hawkHeader({
          id: 'id',
          key: 'key',
          algorithm: 'sha1',
          timestamp: '42',
          nonce: 'abc',
          method: 'post',
          ext: options.ext,
          app: 'app',
          dlg: 'dlg',
          ...resourceOf(legacyParseUrl(href)),
        }),
      ).toBe(expected);
      const request = makeRequest('post', href);
      hawkSigner.sign(
        {
          authId: 'id',
          authKey: 'key',
          algorithm: 'sha1',
          timestamp: '42',
          nonce: 'abc',
          extraData: options.ext,
          app: 'app',
          delegation: 'dlg',
        },
        request,
        fixedContext(),
      );
      expect(headerValue(request.headers, 'authorization')).toBe(expected);
    }
  });

  it('uses the context for a missing nonce and timestamp, and skips unsigned bodies', () => {
    const request = makeRequest('POST', 'http://h/', [], {
      mode: 'formdata',
      data: Buffer.from('--b--'),
      boundary: 'b',
    });
    hawkSigner.sign(
      { ...CREDENTIALS, includePayloadHash: true },
      request,
      fixedContext(Date.UTC(2024, 0, 2, 3, 4, 5)),
    );
    const header = headerValue(request.headers, 'authorization') ?? '';
    expect(header).toMatch(/^Hawk id="dh37fgj492je", ts="1704164645", nonce="[A-Za-z0-9]{6}", mac="/);
    expect(header).not.toContain('hash=');
  });

  it('adds an empty header for an unknown algorithm and nothing without credentials', () => {
    const request = makeRequest('GET', 'http://h/');
    hawkSigner.sign({ authId: 'a', authKey: 'k', algorithm: 'md5' }, request, fixedContext());
    expect(request.headers).toEqual([{ key: 'Authorization', value: '' }]);
    const untouched = makeRequest('GET', 'http://h/', [{ key: 'Authorization', value: 'x' }]);
    hawkSigner.sign({ authId: 'a' }, untouched, fixedContext());
    expect(untouched.headers).toEqual([{ key: 'Authorization', value: 'x' }]);
  });
});

/** What hawk.js takes from a legacy-parsed URL. */
function resourceOf(uri: UrlWithStringQuery) {
  return {
    resource: (uri.pathname ?? '') + (uri.search ?? ''),
    host: uri.hostname ?? '',
    port: uri.port || (uri.protocol === 'http:' ? '80' : '443'),
  };
}
