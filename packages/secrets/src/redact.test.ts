import { describe, expect, it } from 'vitest';
import { createRedactor } from './redact.ts';

describe('createRedactor', () => {
  it('replaces every occurrence with the secret name', () => {
    const redact = createRedactor([{ name: 'token', value: 'abc.def$1' }]);
    expect(redact('a abc.def$1 b abc.def$1')).toBe('a [secret:token] b [secret:token]');
  });

  it('hides the longer of two overlapping secrets whole', () => {
    const redact = createRedactor([
      { name: 'short', value: 'secret' },
      { name: 'long', value: 'secret-and-more' },
    ]);
    expect(redact('x secret-and-more y secret')).toBe('x [secret:long] y [secret:short]');
  });

  it('leaves text alone when there is nothing to hide', () => {
    expect(createRedactor([{ name: 'n', value: '1' }])('1 2 3')).toBe('1 2 3');
  });
});
