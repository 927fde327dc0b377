/**
 * Finding a secret value in outgoing text in the forms it travels in: as is, JSON-escaped,
 * percent- or form-encoded (the text is decoded before searching, so any choice of encoded
 * characters is found), and inside base64 (Basic auth, tokens) at any byte alignment.
 */

/** Shorter values are not looked for (as in redaction): "1" would be found everywhere. */
export const MIN_SECRET_LENGTH = 4;
/** A base64 fragment shorter than this says too little to call it the secret. */
const MIN_BASE64_CORE = 6;

/**
 * The substrings whose presence means the value is in a text: the value, its JSON escaping, and
 * for each of the three byte alignments the base64 (and base64url) characters that depend on the
 * value alone.
 *
 * @example secretNeedles('s3cr3t-value').includes('s3cr3t-value') // true
 */
export function secretNeedles(value: string): string[] {
  if (value.length < MIN_SECRET_LENGTH) return [];
  const needles = new Set<string>([value]);
  const json = JSON.stringify(value).slice(1, -1);
  needles.add(json);
  const bytes = new TextEncoder().encode(value);
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const encoded = toBase64(padded);
    // Characters before `start` mix in the bytes that precede the value; from `end` on, the bytes
    // that follow it (or padding).
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length < MIN_BASE64_CORE) continue;
    needles.add(core);
    needles.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return [...needles];
}

/**
 * Whether any needle is in the text, also after percent-decoding it and, for form bodies and
 * query strings, after reading `+` as a space.
 *
 * @example containsSecret('q=a%20b%2Bc', secretNeedles('a b+c')) // true
 */
export function containsSecret(text: string, needles: readonly string[]): boolean {
  if (needles.length === 0 || text.length === 0) return false;
  for (const candidate of decodings(text)) {
    for (const needle of needles) if (candidate.includes(needle)) return true;
  }
  return false;
}

function decodings(text: string): string[] {
  const out = [text];
  if (text.includes('%')) out.push(percentDecode(text));
  if (text.includes('+')) out.push(percentDecode(text.replace(/\+/g, ' ')));
  return out;
}

/** Decodes each run of %XX escapes as UTF-8; in a run that is not valid UTF-8, the ASCII escapes only. */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9A-Fa-f])/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    }
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
