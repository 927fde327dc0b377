import { describe, expect, it } from 'vitest';
import { memberPath, propertyPath } from './json-path.ts';
import { decodeJsonString, type JsonFrame, rawOffset, walkJson } from './json-walk.ts';

interface Seen {
  path: string;
  value: string;
  start: number;
}

function strings(text: string): { valid: boolean; seen: Seen[]; pairs: string[] } {
  const seen: Seen[] = [];
  const pairs: string[] = [];
  const valid = walkJson(text, {
    value(start, end, escaped, frames, depth) {
      const value = escaped ? decodeJsonString(text, start, end) : text.slice(start, end);
      seen.push({ path: memberPath(frames, depth), value, start });
      const frame = frames[depth] as JsonFrame;
      if (!frame.isArray && frame.key === 'key') frame.pairKey = value;
    },
    key() {},
    objectEnd(frames, depth) {
      const frame = frames[depth] as JsonFrame;
      if (frame.pairKey)
        pairs.push(`${propertyPath(frames, depth, 'value')} (${frame.name}:${frame.pairKey})`);
    },
  });
  return { valid, seen, pairs };
}

describe('walkJson', () => {
  it('reports every string value with its path and offset', () => {
    const text = JSON.stringify({
      item: [{ request: { auth: { bearer: [{ key: 'token', value: 'abc' }] } } }],
      values: [1, true, null, 'v', { 'odd key': 'x' }],
    });
    const { valid, seen } = strings(text);
    expect(valid).toBe(true);
    expect(seen.map((s) => [s.path, s.value])).toEqual([
      ['item[0].request.auth.bearer[0].key', 'token'],
      ['item[0].request.auth.bearer[0].value', 'abc'],
      ['values[3]', 'v'],
      ['values[4]["odd key"]', 'x'],
    ]);
    for (const s of seen) expect(text.slice(s.start, s.start + s.value.length)).toBe(s.value);
  });

  it('gives Postman pairs their key and container name', () => {
    const text = JSON.stringify({
      auth: { apikey: [{ value: 'x', key: 'value' }] },
      header: [{ key: 'A', value: 'b' }],
    });
    expect(strings(text).pairs).toEqual([
      'auth.apikey[0].value (apikey:value)',
      'header[0].value (header:A)',
    ]);
  });

  it('decodes escapes and maps decoded offsets back to the text', () => {
    const text = JSON.stringify({ raw: 'line1\n"quoted" é \\ end' });
    const { seen } = strings(text);
    expect(seen[0]?.value).toBe('line1\n"quoted" é \\ end');
    const start = text.indexOf('line1');
    const end = text.lastIndexOf('"');
    expect(text.slice(rawOffset(text, start, end, 6))).toMatch(/^\\"quoted/);
    expect(decodeJsonString('"\\u0041\\/"', 1, 9)).toBe('A/');
  });

  it('agrees with JSON.parse on generated documents', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const make = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3)
        return rand() < 0.5 ? `s${Math.floor(rand() * 1e6)}\t"\\${depth}` : Math.floor(rand() * 100);
      if (r < 0.65) return Array.from({ length: Math.floor(rand() * 4) }, () => make(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(rand() * 4) }, (_, i) => [`k${i}`, make(depth + 1)]),
      );
    };
    for (let i = 0; i < 50; i++) {
      const doc = { root: make(0) };
      const text = JSON.stringify(doc, null, i % 2 ? 2 : undefined);
      const collected: string[] = [];
      const walk = (v: unknown) => {
        if (typeof v === 'string') collected.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(doc);
      const { valid, seen } = strings(text);
      expect(valid).toBe(true);
      expect(seen.map((s) => s.value)).toEqual(collected);
    }
  });

  it.each(['{"a":}', '{"a":1,}', '[1 2]', '{"a" 1}', '{"a":"unterminated}', '{} x', 'nope'])(
    'rejects invalid JSON: %s',
    (text) => {
      expect(strings(text).valid).toBe(false);
    },
  );

  it('accepts a byte-order mark', () => {
    expect(strings('\uFEFF{"a":"b"}').valid).toBe(true);
  });
});
