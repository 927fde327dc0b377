import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { desEncryptBlock, expandDesKey } from './des.ts';

describe('desEncryptBlock', () => {
  it('matches the classic FIPS 46 worked example', () => {
    const out = desEncryptBlock(
      Buffer.from('133457799BBCDFF1', 'hex'),
      Buffer.from('0123456789ABCDEF', 'hex'),
    );
    expect(out.toString('hex')).toBe('85e813540f0ab405');
  });

  it('agrees with des.js (what httpntlm uses) on many keys and blocks', () => {
    type DesJs = { DES: { create(o: { type: string; key: Buffer }): { update(b: Buffer): number[] } } };
    const desjs = createRequire(import.meta.url)('des.js') as DesJs;
    for (let n = 0; n < 32; n++) {
      const key = Buffer.from(Array.from({ length: 8 }, (_, i) => (n * 37 + i * 53) & 0xff));
      const block = Buffer.from(Array.from({ length: 8 }, (_, i) => (n * 11 + i * 97) & 0xff));
      const expected = Buffer.from(desjs.DES.create({ type: 'encrypt', key }).update(block));
      expect(desEncryptBlock(key, block).toString('hex')).toBe(expected.toString('hex'));
    }
  });
});

describe('expandDesKey', () => {
  it('puts seven bits in each byte and a zero parity bit', () => {
    expect(expandDesKey(Buffer.alloc(7, 0xff)).toString('hex')).toBe('fefefefefefefefe');
    expect(expandDesKey(Buffer.from('80000000000001', 'hex')).toString('hex')).toBe('8000000000000002');
  });
});
