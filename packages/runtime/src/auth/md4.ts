/**
 * MD4 (RFC 1320), needed for the NTLM password hash: OpenSSL 3 ships it only in the legacy
 * provider, which Node does not load by default.
 */

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

const ROUND2_ORDER = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15];
const ROUND3_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
const ROUND1_SHIFTS = [3, 7, 11, 19];
const ROUND2_SHIFTS = [3, 5, 9, 13];
const ROUND3_SHIFTS = [3, 9, 11, 15];

/**
 * The MD4 digest of `input` (16 bytes).
 *
 * @example
 * md4(Buffer.from('abc')).toString('hex'); // 'a448017aaf21d8525fc10ae87aa6729d'
 */
export function md4(input: Uint8Array): Buffer {
  const length = input.length;
  const padded = Buffer.alloc(Math.ceil((length + 9) / 64) * 64);
  padded.set(input);
  padded[length] = 0x80;
  const bits = length * 8;
  padded.writeUInt32LE(bits >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(bits / 2 ** 32), padded.length - 4);

  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const x = new Array<number>(16);
  const h = [0, 0, 0, 0];
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) x[i] = padded.readUInt32LE(offset + i * 4);
    for (let i = 0; i < 4; i++) h[i] = state[i] as number;
    // Each step updates a, d, c, b in turn; `at` picks the register and the other three follow it.
    const step = (i: number, mix: (b: number, c: number, d: number) => number, word: number, s: number) => {
      const at = (4 - (i % 4)) % 4;
      const b = h[(at + 1) % 4] as number;
      const c = h[(at + 2) % 4] as number;
      const d = h[(at + 3) % 4] as number;
      h[at] = rotl(((h[at] as number) + mix(b, c, d) + word) | 0, s);
    };
    for (let i = 0; i < 16; i++) {
      step(i, (b, c, d) => (b & c) | (~b & d), x[i] as number, ROUND1_SHIFTS[i % 4] as number);
    }
    for (let i = 0; i < 16; i++) {
      const word = ((x[ROUND2_ORDER[i] as number] as number) + 0x5a827999) | 0;
      step(i, (b, c, d) => (b & c) | (b & d) | (c & d), word, ROUND2_SHIFTS[i % 4] as number);
    }
    for (let i = 0; i < 16; i++) {
      const word = ((x[ROUND3_ORDER[i] as number] as number) + 0x6ed9eba1) | 0;
      step(i, (b, c, d) => b ^ c ^ d, word, ROUND3_SHIFTS[i % 4] as number);
    }
    for (let i = 0; i < 4; i++) state[i] = ((state[i] as number) + (h[i] as number)) | 0;
  }
  const out = Buffer.alloc(16);
  for (let i = 0; i < 4; i++) out.writeInt32LE(state[i] as number, i * 4);
  return out;
}
