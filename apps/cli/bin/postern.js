#!/usr/bin/env -S node --no-node-snapshot
// isolated-vm needs V8's startup snapshot off on Node 20; re-exec when started without the flag.
// child_process loads only for that re-exec: importing it costs every run ~10 ms of startup.
if (!process.execArgv.includes('--no-node-snapshot')) {
  const { spawnSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--no-node-snapshot', self, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(child.status ?? 1);
} else {
  await import('../dist/postern.js');
}
