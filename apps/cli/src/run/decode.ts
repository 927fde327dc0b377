/**
 * Bytes → text for collection, environment, globals and data files. Postman exports (and Windows
 * editors) produce UTF-8 with a BOM and UTF-16 files; Newman reads them all, so we do too.
 */

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: false });
const utf16be = new TextDecoder('utf-16be', { ignoreBOM: false });
const latin1 = new TextDecoder('latin1');

/**
 * Decodes a file's bytes: a BOM picks UTF-8, UTF-16LE or UTF-16BE (and is dropped); without one,
 * UTF-16 is recognised by its zero bytes, valid UTF-8 is read as such, and anything else as
 * Latin-1 (what Newman's charset detection falls back to).
 *
 * @example
 * decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])); // '{}'
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeUtf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  const unmarked = guessUnmarkedUtf16(bytes);
  if (unmarked === 'le') return utf16le.decode(bytes);
  if (unmarked === 'be') return utf16be.decode(bytes);
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/**
 * JSON and CSV files start with ASCII, which in UTF-16 has a zero high byte: `{` is `7b 00` in LE
 * and `00 7b` in BE. Looking at the first few code units is enough and costs nothing.
 */
function guessUnmarkedUtf16(bytes: Uint8Array): 'le' | 'be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  const units = Math.min(bytes.length / 2, 8);
  let le = 0;
  let be = 0;
  for (let i = 0; i < units; i++) {
    const a = bytes[2 * i] as number;
    const b = bytes[2 * i + 1] as number;
    if (a !== 0 && b === 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  if (le === units) return 'le';
  if (be === units) return 'be';
  return undefined;
}
