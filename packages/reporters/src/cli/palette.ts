/** Colour functions for console output; identity functions when colour is off. */
import picocolors from 'picocolors';

export type Paint = (text: string) => string;

export interface Palette {
  gray: Paint;
  red: Paint;
  redBold: Paint;
  redUnderline: Paint;
  green: Paint;
  cyan: Paint;
  yellow: Paint;
  blue: Paint;
  white: Paint;
  grayUnderline: Paint;
}

/**
 * @example
 * makePalette(false).red('x'); // 'x'
 */
export function makePalette(enabled: boolean): Palette {
  const c = picocolors.createColors(enabled);
  return {
    gray: c.gray,
    red: c.red,
    redBold: (t) => c.red(c.bold(t)),
    redUnderline: (t) => c.red(c.underline(t)),
    green: c.green,
    cyan: c.cyan,
    yellow: c.yellow,
    blue: c.blue,
    white: c.white,
    grayUnderline: (t) => c.gray(c.underline(t)),
  };
}
