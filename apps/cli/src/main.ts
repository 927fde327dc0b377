import { Command, CommanderError } from 'commander';
import { CliError, describeFailure, EXIT_CODE } from './errors.ts';
import { addRunOptions, toRunCliOptions } from './run/options.ts';
import { splitReporterArgs } from './run/reporter-args.ts';
import { addAdminCommand, addServeCommand } from './serve.ts';
import { VERSION } from './version.ts';

// `--reporter-*` flags have open-ended names: take them out before commander parses (see reporter-args.ts).
const { commandArgs, reporterArgs } = splitReporterArgs(process.argv.slice(2));

const program = new Command('postern')
  .version(VERSION, '-v, --version')
  .description('Postern: run Postman collections, scan for secrets, serve a team workspace.')
  .addHelpCommand(false)
  .showHelpAfterError('(add --help for additional information)')
  .exitOverride();

addRunOptions(
  program
    .command('run')
    .argument('<collection>', 'path or URL of the collection')
    .usage('<collection> [options]')
    .description('Initiate a Postman Collection run from a given URL or path (Newman-compatible)'),
).action(async (collection: string, flags: Record<string, unknown>) => {
  const options = toRunCliOptions(collection, flags, reporterArgs);
  // Loaded on demand so `postern --version` and `postern serve` do not pay for the runner.
  const { runCommand } = await import('./run/command.ts');
  // First Ctrl-C stops the run gracefully (reports and exports still written); a second one exits.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  process.exitCode = await runCommand(options, {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    signal: interrupt.signal,
  });
});

addServeCommand(program);
addAdminCommand(program);

// Placeholder until the secret scanner lands (issue #4).
for (const [name, summary] of [['scan', 'Scan files for secrets']] as const) {
  program
    .command(name)
    .description(`[not available yet] ${summary}`)
    .argument('[args...]')
    .allowUnknownOption()
    .action(() => {
      throw new CliError('NOT_AVAILABLE', { command: name });
    });
}

try {
  await program.parseAsync(commandArgs, { from: 'user' });
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its message; --help and --version end with exit code 0.
    process.exitCode = error.exitCode === 0 ? EXIT_CODE.ok : EXIT_CODE.badInput;
  } else {
    const { text, exitCode } = describeFailure(error);
    process.stderr.write(`${text}\n`);
    process.exitCode = exitCode;
  }
}

// Keep-alive sockets or reporter timers must not hold the process open: exit once output is flushed.
const exitCode = typeof process.exitCode === 'number' ? process.exitCode : EXIT_CODE.ok;
process.stdout.write('', () => process.stderr.write('', () => process.exit(exitCode)));
