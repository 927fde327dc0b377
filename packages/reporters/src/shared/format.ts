/** Human-readable sizes and durations, formatted exactly as Newman prints them. */

const SIZE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;

/**
 * Bytes in decimal units with up to two decimals and no space, as Newman's `filesize` call does.
 *
 * @example
 * formatBytes(1234); // '1.23kB'
 * formatBytes(174); // '174B'
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0B';
  let exponent = Math.min(Math.floor(Math.log10(bytes) / 3), SIZE_UNITS.length - 1);
  let value = round2(bytes / 1000 ** exponent);
  // 999999 B rounds to 1000 kB: carry into the next unit, as filesize does.
  if (value === 1000 && exponent < SIZE_UNITS.length - 1) {
    value = 1;
    exponent += 1;
  }
  return `${value}${SIZE_UNITS[exponent]}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A duration the way Newman prints it: `µs` below 1 ms, whole `ms` below ~2 s, then
 * `1.9s`, `1m 5.4s`, `1h 2m 3s`.
 *
 * @example
 * formatDuration(45.7); // '45ms'
 * formatDuration(65432); // '1m 5.4s'
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '0ms';
  if (ms < 1) return `${Math.trunc(ms * 1000)}µs`;
  if (ms < 1998) return `${Math.trunc(ms)}ms`;
  const parts: string[] = [];
  const days = Math.trunc(ms / 86_400_000);
  const years = Math.trunc(days / 365);
  const units: Array<[number, string]> = [
    [years, 'y'],
    [days % 365, 'd'],
    [Math.trunc(ms / 3_600_000) % 24, 'h'],
    [Math.trunc(ms / 60_000) % 60, 'm'],
  ];
  for (const [value, unit] of units) if (value !== 0) parts.push(`${value}${unit}`);
  const seconds = (ms / 1000) % 60;
  const secondsText = (Math.floor(seconds * 10 + 1e-7) / 10).toFixed(1).replace(/\.0+$/, '');
  if (secondsText !== '0') parts.push(`${secondsText}s`);
  return parts.length > 0 ? parts.join(' ') : '0ms';
}

/**
 * Left-pads a value to `width` characters.
 *
 * @example
 * padLeft(3, 3); // '  3'
 */
export function padLeft(value: string | number, width: number, fill = ' '): string {
  return String(value).padStart(width, fill);
}
