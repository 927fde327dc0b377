import { describe, expect, it } from 'vitest';
import { CollectionError, describeJsonType, formatJsonPath } from './errors.ts';

describe('CollectionError', () => {
  it('prefixes the message with the JSON path', () => {
    const error = new CollectionError('expected a string or an object', ['item', 2, 'request', 'url']);
    expect(error.message).toBe('item[2].request.url: expected a string or an object');
    expect(error.path).toBe('item[2].request.url');
    expect(error.name).toBe('CollectionError');
    expect(error).toBeInstanceOf(Error);
  });

  it('has no prefix for the document itself', () => {
    expect(new CollectionError('not a Postman collection: x').message).toBe('not a Postman collection: x');
  });
});

describe('formatJsonPath and describeJsonType', () => {
  it('quote keys that are not identifiers', () => {
    expect(formatJsonPath(['values', 0, 'my key', 'a'])).toBe('values[0]["my key"].a');
    expect(formatJsonPath([3, 'x'])).toBe('[3].x');
  });

  it('describe JSON types with an article', () => {
    expect([1, 'a', true, null, [], {}, undefined].map(describeJsonType)).toEqual([
      'a number',
      'a string',
      'a boolean',
      'null',
      'an array',
      'an object',
      'nothing',
    ]);
  });
});
