import { describe, expect, it } from 'vitest';
import { flattenHeaders } from './wire.ts';

const h = (...pairs: Array<[string, string]>) => pairs.map(([key, value]) => ({ key, value }));

describe('flattenHeaders, as postman-request puts headers on the wire', () => {
  it('sends same-case repeats together at the first one’s place', () => {
    expect(flattenHeaders(h(['A', '1'], ['B', '2'], ['A', '3']))).toEqual(['A', '1', 'A', '3', 'B', '2']);
  });

  it('lets a name repeated in another case replace the earlier one, keeping the earlier place', () => {
    // what Newman sent for X-Dup/x-dup and Accept/accept (checked against a raw socket)
    expect(
      flattenHeaders(
        h(
          ['X-Dup', 'one'],
          ['x-dup', 'two'],
          ['X-Same', 'a'],
          ['X-Same', 'b'],
          ['Accept', 'json'],
          ['accept', 'text'],
        ),
      ),
    ).toEqual(['x-dup', 'two', 'X-Same', 'a', 'X-Same', 'b', 'accept', 'text']);
  });

  it('sends one Host and one Content-Length, and no framing headers', () => {
    expect(
      flattenHeaders(
        h(
          ['Host', 'a'],
          ['host', 'b'],
          ['Content-Length', '1'],
          ['Transfer-Encoding', 'chunked'],
          ['Expect', 'x'],
        ),
      ),
    ).toEqual(['Host', 'a', 'Content-Length', '1']);
  });
});
