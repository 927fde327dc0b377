import { Command, CommanderError } from 'commander';
import { addAuditCommand } from './audit.ts';
import { describeFailure, EXIT_CODE } from './errors.ts';
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
  // The script sandbox boots on its own thread while the runner loads and reads the files
  // (without it, the run makes its own when the first script needs one).
  const sandbox = await import('./run/sandbox-start.ts').then(
    (m) => m.startRunSandbox(options),
    () => undefined,
  );
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
    ...(sandbox ? { sandbox } : {}),
  });
});

addServeCommand(program);
addAdminCommand(program);
addAuditCommand(program);

program
  .command('scan')
  .argument('<paths...>', 'files or folders to scan (folders recursively, skipping node_modules and .git)')
  .usage('<paths...> [options]')
  .description('Scan files for secrets (exit 0 when clean, 1 when secrets are found, 2 on bad input)')
  .option('--format <format>', 'report format: text, json or sarif', 'text')
  .option('--baseline <file>', 'accept the known findings listed in this baseline file')
  .option('--write-baseline <file>', 'write every finding to this baseline file and exit 0')
  .action(async (paths: string[], flags: { format: string; baseline?: string; writeBaseline?: string }) => {
    // Loaded on demand, like `run`: the rules and their regular expressions cost nothing elsewhere.
    const { scanCommand } = await import('./scan/command.ts');
    process.exitCode = await scanCommand(
      { paths, ...flags },
      { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() },
    );
  });

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
