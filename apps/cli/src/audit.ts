/** `postern audit verify <export.json>`: checks an audit export offline (chain + signed checkpoints). */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

function readOrFail(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new AuditInputError(
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

class AuditInputError extends Error {}

export function addAuditCommand(program: Command): void {
  const audit = program.command('audit').description('Audit trail tools');
  audit
    .command('verify')
    .argument('<export>', 'a file saved from GET /api/audit/export')
    .option('--public-key <file>', "the server's audit signing public key (PEM) to pin")
    .description(
      'Verify an audit export: hash chain, checkpoint signatures, truncation (exit 0 intact, 1 tampered)',
    )
    .action(async (file: string, flags: { publicKey?: string }) => {
      try {
        const text = readOrFail(file, 'audit export');
        let data: unknown;
        try {
          data = JSON.parse(text);
        } catch (error) {
          throw new AuditInputError(`${file} is not JSON: ${(error as Error).message}`);
        }
        const { AUDIT_EXPORT_FORMAT, verifyAuditExport } = await import('@postern/server');
        const shaped = data as {
          format?: unknown;
          rows?: unknown;
          checkpoints?: unknown;
          publicKey?: unknown;
        };
        if (
          shaped?.format !== AUDIT_EXPORT_FORMAT ||
          !Array.isArray(shaped.rows) ||
          !Array.isArray(shaped.checkpoints) ||
          typeof shaped.publicKey !== 'string'
        ) {
          throw new AuditInputError(`${file} is not a Postern audit export (format ${AUDIT_EXPORT_FORMAT})`);
        }
        const pinned = flags.publicKey ? readOrFail(flags.publicKey, 'public key') : undefined;
        const result = verifyAuditExport(data as Parameters<typeof verifyAuditExport>[0], pinned);
        if (result.ok) {
          process.stdout.write(
            `intact: ${result.rows} rows, ${result.checkpoints} signed checkpoints verified\n`,
          );
          process.exitCode = 0;
        } else {
          process.stdout.write(`TAMPERED: ${result.problems.length} problem(s)\n`);
          for (const p of result.problems) process.stdout.write(`  - ${p}\n`);
          process.exitCode = 1;
        }
      } catch (error) {
        if (!(error instanceof AuditInputError)) throw error;
        process.stderr.write(`error: ${error.message}\n`);
        process.exitCode = 2;
      }
    });
}
