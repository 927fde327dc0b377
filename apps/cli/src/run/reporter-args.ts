/**
 * `--reporter-<name>-<option> [value]` and `--reporter-<option> [value]` flags. Their names are open
 * ended, so they are taken out of argv before commander sees it (commander would treat every argument
 * after the first unknown option as unknown) and routed to the reporters here, with Newman's rules.
 */
import type { ReporterOptions } from '@postern/reporters';

const PREFIX = '--reporter-';

/**
 * Separates reporter flags (and the value after each, unless it looks like a flag) from the rest.
 *
 * @example
 * splitReporterArgs(['c.json', '--reporter-json-export', 'out.json', '-n', '2']);
 * // { commandArgs: ['c.json', '-n', '2'], reporterArgs: ['--reporter-json-export', 'out.json'] }
 */
export function splitReporterArgs(argv: readonly string[]): {
  commandArgs: string[];
  reporterArgs: string[];
} {
  const commandArgs: string[] = [];
  const reporterArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      commandArgs.push(...argv.slice(i));
      break;
    }
    if (!arg.startsWith(PREFIX)) {
      commandArgs.push(arg);
      continue;
    }
    reporterArgs.push(arg);
    const next = argv[i + 1];
    if (!arg.includes('=') && next !== undefined && next !== '' && !next.startsWith('-')) {
      reporterArgs.push(next);
      i++;
    }
  }
  return { commandArgs, reporterArgs };
}

/**
 * Routes reporter flags: `--reporter-json-export x` goes to `json` when json is selected; any other
 * `--reporter-<option>` is generic and is given to every selected reporter, overriding its own
 * option of the same name (as Newman does). Option names are camel-cased; a flag without a value is
 * `true`.
 *
 * @example
 * parseReporterOptions(['--reporter-json-export', 'a.json', '--reporter-cli-no-summary'], ['cli', 'json']);
 * // { cli: { noSummary: true }, json: { export: 'a.json' } }
 */
export function parseReporterOptions(
  reporterArgs: readonly string[],
  reporters: readonly string[],
): Record<string, ReporterOptions> {
  const specific: Record<string, ReporterOptions> = {};
  for (const name of reporters) specific[name] = {};
  const generic: ReporterOptions = {};

  for (let i = 0; i < reporterArgs.length; i++) {
    const arg = reporterArgs[i] as string;
    const eq = arg.indexOf('=');
    const flag = (eq === -1 ? arg : arg.slice(0, eq)).slice(PREFIX.length);
    let value: string | boolean;
    if (eq !== -1) {
      value = arg.slice(eq + 1) || true;
    } else {
      const next = reporterArgs[i + 1];
      if (next !== undefined && !next.startsWith(PREFIX)) {
        value = next;
        i++;
      } else {
        value = true;
      }
    }

    const dash = flag.indexOf('-');
    const reporter = dash === -1 ? flag : flag.slice(0, dash);
    const own = specific[reporter];
    if (own && dash !== -1) own[camelCase(flag.slice(dash + 1))] = value;
    else generic[camelCase(flag)] = value;
  }

  for (const name of reporters) Object.assign(specific[name] as ReporterOptions, generic);
  return specific;
}

/** `no-summary` → `noSummary`, `export` → `export`. */
function camelCase(kebab: string): string {
  const words = kebab.split(/[-_]+/).filter((w) => w !== '');
  return words
    .map((word, index) =>
      index === 0
        ? word.charAt(0).toLowerCase() + word.slice(1)
        : word.charAt(0).toUpperCase() + word.slice(1),
    )
    .join('');
}
