/** A sent URL as Postman's Url JSON (what Newman writes for `request.url` in its JSON report). */

export interface PostmanUrlJson {
  protocol?: string;
  auth?: { user: string; password: string };
  port?: string;
  path: string[];
  host: string[];
  query: Array<{ key: string; value: string | null }>;
  hash?: string;
  variable: [];
}

const URL_PARTS =
  /^(?:([a-z][a-z0-9+.-]*):\/\/)?(?:([^/?#@]*)@)?(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i;

/**
 * Splits a URL into Postman's parts without decoding anything (the JSON keeps what was sent).
 *
 * @example
 * toPostmanUrl('http://127.0.0.1:3000/a/b?x=1&y');
 * // { protocol: 'http', port: '3000', path: ['a', 'b'], host: ['127', '0', '0', '1'],
 * //   query: [{ key: 'x', value: '1' }, { key: 'y', value: null }], variable: [] }
 */
export function toPostmanUrl(raw: string): PostmanUrlJson {
  const match = URL_PARTS.exec(raw);
  if (!match) return { path: [], host: [raw], query: [], variable: [] };
  const [, protocol, userInfo, hostname = '', port, pathname = '', search, hash] = match;
  const url: PostmanUrlJson = { path: [], host: [], query: [], variable: [] };
  if (protocol) url.protocol = protocol;
  if (userInfo !== undefined) {
    const separator = userInfo.indexOf(':');
    url.auth =
      separator === -1
        ? { user: userInfo, password: '' }
        : { user: userInfo.slice(0, separator), password: userInfo.slice(separator + 1) };
  }
  if (port) url.port = port;
  url.path = pathname === '' ? [] : pathname.replace(/^\//, '').split('/');
  url.host = hostname.startsWith('[') ? [hostname] : hostname.split('.');
  if (search !== undefined && search !== '') {
    url.query = search.split('&').map((pair) => {
      const equals = pair.indexOf('=');
      return equals === -1
        ? { key: pair, value: null }
        : { key: pair.slice(0, equals), value: pair.slice(equals + 1) };
    });
  }
  if (hash !== undefined) url.hash = hash;
  return url;
}
