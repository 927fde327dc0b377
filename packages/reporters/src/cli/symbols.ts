/** Newman's CLI symbols: unicode by default, Windows-safe code points on win32, words with --disable-unicode. */

export interface CliSymbols {
  console: { top: string; middle: string; bottom: string };
  dot: string;
  folder: string;
  root: string;
  sub: string;
  ok: string;
  error: string;
  star: string;
  up: string;
  down: string;
}

const REGULAR: CliSymbols = {
  console: { top: '┌', middle: '│', bottom: '└' },
  dot: '.',
  folder: '❏',
  root: '→',
  sub: '↳',
  ok: '✓',
  error: '✖',
  star: '★',
  up: '↑',
  down: '↓',
};

const WINDOWS: CliSymbols = {
  ...REGULAR,
  folder: '\u25A1',
  sub: '\u2514',
  ok: '\u221A',
  error: '\u00D7',
};

const PLAIN: CliSymbols = {
  console: { top: '-', middle: '|', bottom: '-' },
  dot: '.',
  folder: 'Folder',
  root: 'Root',
  sub: 'Sub-folder',
  ok: 'Pass',
  error: 'Fail',
  star: '*',
  up: '^',
  down: 'v',
};

/**
 * @example
 * cliSymbols(false).ok; // '✓' (on Linux and macOS)
 */
export function cliSymbols(disableUnicode: boolean, platform: string = process.platform): CliSymbols {
  if (disableUnicode) return PLAIN;
  return platform === 'win32' ? WINDOWS : REGULAR;
}
