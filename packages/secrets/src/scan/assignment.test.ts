import { describe, expect, it } from 'vitest';
import { sampleSecret } from '../corpus/index.ts';
import { findAssignment } from './assignment.ts';

/** A random value built at run time (base62): nothing secret-looking is committed. */
const V = sampleSecret('vercel-token', 1);

/** The name and value found around the first occurrence of `word` in `text`. */
function read(text: string, word: string): [string, string] | undefined {
  const at = text.indexOf(word);
  const found = findAssignment(text, at, word.length, 0, text.length);
  return found && [found.name, text.slice(found.valueStart, found.valueEnd)];
}

describe('findAssignment', () => {
  it.each([
    [`DB_PASSWORD=${V}&3x`, 'PASSWORD', ['DB_PASSWORD', `${V}&3x`]],
    [`export API_TOKEN="${V}"`, 'TOKEN', ['API_TOKEN', V]],
    [`{"password": "${V}"}`, 'password', ['password', V]],
    [`password: '${V}'`, 'password', ['password', V]],
    [`https://x.dev/v1?api_key=${V}&page=2`, 'key', ['api_key', V]],
    [`Authorization: Bearer ${V}`, 'Auth', ['Authorization', `Bearer ${V}`]],
    [`curl -H "X-Api-Key: ${V}" https://x`, 'Key', ['X-Api-Key', V]],
    [`pm.environment.set('token', '${V}')`, 'token', ['token', V]],
    [
      `pm.request.headers.add({ key: 'Authorization', value: 'Bearer ${V}' });`,
      'Auth',
      ['Authorization', `Bearer ${V}`],
    ],
    [`$config['secret'] => '${V}'`, 'secret', ['secret', V]],
    [`client.setPassword("${V}")`, 'Password', ['client.setPassword', V]],
    [`<password>${V}</password>`, 'password', ['password', V]],
    [`exec: "{\\"token\\": \\"${V}\\"}"`, 'token', ['token', V]],
    [`TOKEN := ${V}`, 'TOKEN', ['TOKEN', V]],
  ])('%s', (text, word, expected) => {
    expect(read(text, word)).toEqual(expected);
  });

  it.each([
    ['Enter your password to continue.', 'password'],
    ['if (token == other)', 'token'],
    ["pm.environment.set('token', jsonData.token)", 'token'],
    ['mongodb+srv://<username>:<password>@cluster0.example.net', 'password'],
    ['password:\n  value', 'password'],
  ])('reads no value in %s', (text, word) => {
    expect(read(text, word)).toBeUndefined();
  });
});
