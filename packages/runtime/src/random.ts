/**
 * Random bytes and v4 UUIDs without loading `node:crypto`: every `postern run` needs a few hundred
 * (a Postman-Token per request, ids in reports and exports), and loading node:crypto costs each run
 * ~10 ms of startup. The bytes come from the kernel's CSPRNG (`/dev/urandom`), read in blocks and
 * handed out once each; where there is no such device (Windows), node:crypto fills the block.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';

const BLOCK_SIZE = 4096;
const HEX = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1));

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

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` gives it.
 * @example uuidV4() // 'c9a0f506-77bf-48a3-a2e5-7166398cc532'
 */
export function uuidV4(): string {
  const b = take(16);
  return (
    HEX[b[0]!]! +
    HEX[b[1]!]! +
    HEX[b[2]!]! +
    HEX[b[3]!]! +
    '-' +
    HEX[b[4]!]! +
    HEX[b[5]!]! +
    '-' +
    HEX[(b[6]! & 0x0f) | 0x40]! +
    HEX[b[7]!]! +
    '-' +
    HEX[(b[8]! & 0x3f) | 0x80]! +
    HEX[b[9]!]! +
    '-' +
    HEX[b[10]!]! +
    HEX[b[11]!]! +
    HEX[b[12]!]! +
    HEX[b[13]!]! +
    HEX[b[14]!]! +
    HEX[b[15]!]!
  );
}
