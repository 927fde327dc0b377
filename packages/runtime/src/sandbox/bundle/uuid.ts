/**
 * `require('uuid')` as Newman's sandbox ships it: a function returning a random v4 UUID, with the
 * same function as `.v4`.
 */
const HEX = '0123456789abcdef';

function v4(): string {
  let out = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) out += '-';
    else if (i === 14) out += '4';
    else {
      const r = (Math.random() * 16) | 0;
      out += HEX[i === 19 ? (r & 0x3) | 0x8 : r];
    }
  }
  return out;
}

/** @example uuid() // '1b4e28ba-2fa1-41d2-883f-0016d3cca427' */
export const uuid: (() => string) & { v4: () => string } = Object.assign(() => v4(), { v4 });
