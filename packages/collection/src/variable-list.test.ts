// biome-ignore lint/style/noRestrictedImports: tests read the conformance corpus from disk; the package itself stays browser-safe
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED_CONFORMANCE } from '../../../test/shared-corpus.ts';
import { decodeDocument, parseJsonDocument } from './json-document.ts';
import { parseVariableList } from './variable-list.ts';
import { VariableScope } from './variable-scope.ts';

const CORPUS = SHARED_CONFORMANCE;

function findFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

const read = (path: string): unknown => parseJsonDocument(decodeDocument(readFileSync(path)));

describe('parseVariableList', () => {
  it.each(findFiles(CORPUS, '.postman_environment.json'))('reads environment %s', (path) => {
    const list = parseVariableList(read(path), 'environment');
    expect(Array.isArray(list.values)).toBe(true);
    for (const variable of list.values) expect(typeof variable.key).toBe('string');
  });

  it.each(findFiles(CORPUS, '.postman_globals.json'))('reads globals %s', (path) => {
    expect(parseVariableList(read(path), 'globals').values.length).toBeGreaterThan(0);
  });

  it('reads the UTF-16 environment of the encoding sample', () => {
    const list = parseVariableList(
      read(
        join(CORPUS, 'newman-integration/bom-and-encoding/utf16-le-encoding-in-env.postman_environment.json'),
      ),
      'environment',
    );
    expect(list.values.length).toBeGreaterThan(0);
  });

  it('keeps disabled and duplicate entries for the scope to resolve', () => {
    const list = parseVariableList(
      read(
        join(
          CORPUS,
          'newman-integration/disabled-and-duplicate-variables/disabled-and-duplicates.postman_environment.json',
        ),
      ),
      'environment',
    );
    expect(list.name).toBe('disabled-and-duplicates');
    const scope = new VariableScope(list.values);
    expect(scope.has('justDisabled')).toBe(false);
    expect(scope.get('oneDisabled')).toBe('1');
    expect(scope.get('duplicate')).toBe('2');
  });

  it('keeps enabled:false without disabling (as Newman does), and keeps type, secret and allowedDomains', () => {
    const list = parseVariableList(
      {
        id: 'e1',
        name: 'env',
        values: [
          { key: 'a', value: '1', enabled: false },
          {
            key: 'token',
            value: 't',
            type: 'secret',
            enabled: true,
            allowedDomains: ['api.test', '*.api.test'],
          },
        ],
        _postman_exported_using: 'Postman/10',
      },
      'environment',
    );
    expect(list).toEqual({
      id: 'e1',
      name: 'env',
      values: [
        { key: 'a', value: '1', enabled: false },
        {
          key: 'token',
          value: 't',
          type: 'secret',
          enabled: true,
          allowedDomains: ['api.test', '*.api.test'],
        },
      ],
      _postman_exported_using: 'Postman/10',
    });
  });

  it('accepts globals as a bare array and API-wrapped documents', () => {
    expect(parseVariableList([{ key: 'g', value: 1 }], 'globals').values).toEqual([{ key: 'g', value: 1 }]);
    expect(parseVariableList({ environment: { name: 'w', values: [] } }, 'environment').name).toBe('w');
    expect(parseVariableList({ globals: [{ key: 'x' }] }, 'globals').values).toEqual([{ key: 'x' }]);
  });

  it('reports problems with their JSON path', () => {
    expect(() => parseVariableList({ values: [{ key: 'a' }, { value: 'no key' }] }, 'environment')).toThrow(
      'values[1].key: a variable needs a "key"',
    );
    expect(() => parseVariableList({ values: 'nope' }, 'environment')).toThrow(
      'values: expected an array, got a string',
    );
    expect(() => parseVariableList({ values: [{ key: 'a', disabled: 'yes' }] }, 'globals')).toThrow(
      'values[0].disabled: expected a boolean, got a string',
    );
    expect(() => parseVariableList(3, 'globals')).toThrow(
      'not a Postman globals file: expected a JSON object, got a number',
    );
    expect(() => parseVariableList({ info: { name: 'c' }, item: [] }, 'environment')).toThrow(
      'not a Postman environment file: this looks like a collection (it has "info" or "item")',
    );
  });
});
