/**
 * Random bytes and v4 UUIDs without loading `node:crypto`: every `postern run` needs a few hundred
 * (a Postman-Token per request, ids in reports and exports), and loading node:crypto costs each run
 * ~10 ms of startup. The bytes come from the kernel's CSPRNG (`/dev/urandom`), read in blocks and
 * handed out once each; where there is no such device (Windows), node:crypto fills the block.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

const BLOCK_SIZE = 4096;

let block = Buffer.alloc(0);
let offset = 0;
let kernelSource = true;

function fillFromKernel(target: Buffer): boolean {
  let fd: number | undefined;
  try {
    fd = openSync('/dev/urandom', 'r');
    for (let filled = 0; filled < target.length; ) {
      const read = readSync(fd, target, filled, target.length - filled, null);
      if (read <= 0) return false;
      filled += read;
    }
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function refill(atLeast: number): void {
  const next = Buffer.allocUnsafeSlow(Math.max(BLOCK_SIZE, atLeast));
  if (!(kernelSource && fillFromKernel(next))) {
    kernelSource = false;
    const { randomFillSync } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
    randomFillSync(next);
  }
  block = next;
  offset = 0;
}

/** Takes `size` bytes off the block (never handed out twice) and returns a view of them. */
function take(size: number): Buffer {
  if (offset + size > block.length) refill(size);
  const bytes = block.subarray(offset, offset + size);
  offset += size;
  return bytes;
}

/**
 * `size` cryptographically strong random bytes, as a Buffer of its own.
 * @example randomBytes(16).length // 16
 */
export function randomBytes(size: number): Buffer {
  return Buffer.from(take(size));
}

/** Hex digits as character codes, and a UUID's 36 characters, rewritten by each `uuidV4()`. */
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const uuidText = Buffer.alloc(36, 0x2d);
/** Where each of the 16 bytes' two hex digits go among those characters (the rest are dashes). */
const UUID_DIGITS_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` gives it. Written into a buffer and read out
 * in one native call, which makes a flat string: joining its parts with `+` makes a chain of cons
 * strings that every Map lookup, comparison and JSON.stringify of the id walks first (ids key the
 * runner's and reporters' maps, several per request).
 * @example uuidV4() // 'c9a0f506-77bf-48a3-a2e5-7166398cc532'
 */
export function uuidV4(): string {
  const bytes = take(16);
  for (let i = 0; i < 16; i++) {
    let byte = bytes[i] as number;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    const at = UUID_DIGITS_AT[i] as number;
    uuidText[at] = HEX_DIGITS[byte >> 4] as number;
    uuidText[at + 1] = HEX_DIGITS[byte & 0x0f] as number;
  }
  return uuidText.toString('latin1', 0, 36);
}
