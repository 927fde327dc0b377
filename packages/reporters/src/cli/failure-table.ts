/**
 * The `#  failure  detail` table Newman prints after the summary, laid out like its borderless
 * cli-table3 table (auto-sized columns, a blank separator line before every row).
 *
 * Rows are streamed: the reporter spools failures to a temporary file as they happen and keeps only
 * the column widths, then renders the rows one by one at the end.
 */
import { padLeft } from '../shared/format.ts';
import type { Palette } from './palette.ts';

/** One failure as the table needs it (what the reporter spools). */
export interface FailureRow {
  name: string;
  /** 1-based iteration, shown when the run has more than one. */
  iteration?: number;
  test: string;
  message: string;
  at: string;
  inside: string;
}

/** Column widths (with their one-space padding each side), grown as failures arrive. */
export class FailureTableLayout {
  private nameWidth = 'failure'.length + 2;
  private detailWidth = 'detail'.length + 2;
  count = 0;

  add(row: FailureRow): void {
    this.count += 1;
    for (const line of nameLines(row)) this.nameWidth = Math.max(this.nameWidth, line.length + 2);
    for (const line of detailLines(row)) this.detailWidth = Math.max(this.detailWidth, line.length + 2);
  }

  private get indexWidth(): number {
    return String(this.count).length + 1 + 2;
  }

  /** The header line (`  #  failure  detail`). */
  header(paint: Palette): string {
    const cells = [
      ` ${padLeft('', this.indexWidth - 3)}${paint.redUnderline('#')} `,
      ` ${paint.redUnderline('failure')}${' '.repeat(this.nameWidth - 2 - 'failure'.length)} `,
      ` ${paint.redUnderline('detail')}${' '.repeat(this.detailWidth - 2 - 'detail'.length)} `,
    ];
    return cells.join('');
  }

  /**
   * The lines of the failure at 0-based `index`.
   *
   * @example
   * layout.row(0, row, paint); // ' 1.  AssertionError  fails …'
   */
  row(index: number, row: FailureRow, paint: Palette): string {
    const digits = String(this.count).length;
    // Newman zero-pads the number to the width of the failure count: `01.` … `12.`.
    const left = [`${padLeft(index + 1, digits, '0')}.`];
    const names = nameLines(row);
    const details = detailLines(row);
    const height = Math.max(left.length, names.length, details.length);
    const out: string[] = [];
    for (let i = 0; i < height; i++) {
      const index0 = left[i] ?? '';
      const name = names[i] ?? '';
      const detail = details[i] ?? '';
      out.push(
        ` ${padLeft(index0, this.indexWidth - 2)} ` +
          ` ${paintLine(i === 0 ? (t) => t : paint.gray, name, this.nameWidth)} ` +
          ` ${paintLine(i === 0 ? (t) => t : paint.gray, detail, this.detailWidth)} `,
      );
    }
    return out.join('\n');
  }

  /** The blank line cli-table3 draws between rows. */
  separator(paint: Palette): string {
    return [this.indexWidth, this.nameWidth, this.detailWidth].map((w) => paint.gray(' '.repeat(w))).join('');
  }
}

function paintLine(paint: (t: string) => string, text: string, width: number): string {
  const pad = ' '.repeat(Math.max(0, width - 2 - text.length));
  return text === '' ? pad : paint(text) + pad;
}

function nameLines(row: FailureRow): string[] {
  return row.iteration === undefined ? [row.name] : [row.name, `iteration: ${row.iteration}`];
}

function detailLines(row: FailureRow): string[] {
  return [row.test, ...row.message.split('\n'), `at ${row.at}`, `inside "${row.inside}"`];
}
