#!/usr/bin/env -S node --no-node-snapshot
// isolated-vm needs V8's startup snapshot off on Node 20; re-exec when started without the flag.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (!process.execArgv.includes('--no-node-snapshot')) {
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--no-node-snapshot', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
} else {
  await import('../dist/postern.js');
}
