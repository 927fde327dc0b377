import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { Cookie, CookieList, unparseCookies } from './cookies.ts';
import type { PropertyList } from './property-list.ts';
import { makeInput, runScript } from './test-harness.ts';
import { VariableList } from './variable.ts';

const require = createRequire(import.meta.url);
interface SdkList {
  toString(): string;
  toJSON(): unknown[];
}
const sdk = require('postman-collection') as {
  CookieList: new (parent: null, items: unknown[]) => SdkList;
  PropertyList: new (type: unknown, parent: null, items: unknown[]) => SdkList;
  FormParam: unknown;
};

/** Cookies as the engine hands them over (see `toScriptCookie`), plus odd ones. */
const COOKIES = [
  {
    name: 'deep',
    value: '5',
    expires: null,
    maxAge: 0,
    domain: 'localhost',
    path: '/set/deep',
    secure: false,
    httpOnly: false,
    hostOnly: true,
  },
  {
    name: 'P',
    value: '2',
    expires: '2037-10-21T07:28:00.000Z',
    maxAge: 3600,
    domain: 'localhost',
    path: '/',
    secure: true,
    httpOnly: true,
    hostOnly: true,
    extensions: ['Priority=High'],
  },
  { name: 'enc', value: 'a b' },
  { name: '', value: 'noname' },
  { key: 'keyed', value: 'k' },
  { name: 'empty' },
];

describe('CookieList', () => {
  it("toString() is postman-collection's Cookie header (encoded values, bare nameless values)", () => {
    const expected = new sdk.CookieList(null, COOKIES).toString();
    expect(expected).toBe('deep=5; P=2; enc=a%20b; noname; keyed=k; empty=');
    expect(new CookieList(COOKIES).toString()).toBe(expected);
    expect(unparseCookies(new CookieList(COOKIES).all())).toBe(expected);
    expect(new CookieList([]).toString()).toBe('');
  });

  it("toJSON() has postman-collection's fields, in its order (no session unless given)", () => {
    const expected = new sdk.CookieList(null, COOKIES).toJSON();
    const actual = new CookieList(COOKIES).toJSON();
    expect(actual).toEqual(expected);
    expect(actual.map((cookie) => Object.keys(cookie as object))).toEqual(
      expected.map((cookie) => Object.keys(cookie as object)),
    );
    expect(Object.keys(actual[0] as object)).toEqual([
      'name',
      'expires',
      'maxAge',
      'domain',
      'path',
      'secure',
      'httpOnly',
      'hostOnly',
      'value',
    ]);
  });

  it('a nameless cookie has no name, as `_.choose(name, key)` gives', () => {
    expect(new Cookie({ name: '', value: 'v' }).toJSON()).toEqual({ value: 'v' });
    expect(new Cookie({ name: '', key: 'k', value: 'v' }).name).toBe('k');
  });

  it('pm.cookies.toString() in a script', async () => {
    const { output } = await runScript(
      "pm.environment.set('s', pm.cookies.toString()); pm.environment.set('t', '' + pm.cookies);",
      makeInput({ cookies: COOKIES.slice(0, 2) as never }),
    );
    expect(output.scopes.environment).toEqual([
      { key: 's', value: 'deep=5; P=2', type: 'any' },
      { key: 't', value: 'deep=5; P=2', type: 'any' },
    ]);
  });
});

describe('PropertyList.toString', () => {
  it('overflows the stack, as postman-collection does, for members that cannot unparse a list', () => {
    const form = new sdk.PropertyList(sdk.FormParam, null, [{ key: 'a', value: '1' }]);
    expect(() => form.toString()).toThrow(RangeError);
    const variables = new VariableList([{ key: 'a', value: '1' }]);
    expect(() => variables.toString()).toThrow(new RangeError('Maximum call stack size exceeded'));
    expect(() => `${variables as unknown as PropertyList<never>}`).toThrow(RangeError);
  });
});
