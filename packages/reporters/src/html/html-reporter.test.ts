import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emitSyntheticRun, syntheticContext } from '../test-support/synthetic-run.ts';
import { htmlReporter } from './html-reporter.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postern-html-test-'));
  dirs.push(dir);
  return dir;
}

async function htmlReport(cwd: string, options = { export: 'report.html' }): Promise<string> {
  const reporter = htmlReporter(options, syntheticContext({ cwd }));
  await emitSyntheticRun(reporter, {
    items: 3,
    iterations: 2,
    failAssertionEvery: 2,
    prerequestErrorEvery: 5,
    requestErrorEvery: 4,
  });
  await reporter.close?.();
  return readFileSync(join(cwd, options.export || ''), 'utf8');
}

describe('html reporter', () => {
  it('writes one self-contained page with the summary, failures and every request', async () => {
    const html = await htmlReport(tempDir());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<title>Synthetic Collection · run report</title>');
    expect(html).toContain(
      '<tr><td class="label fail">assertions</td><td class="num">18</td><td class="num fail">3</td></tr>',
    );
    expect(html).toContain(
      '<tr><td class="label">iterations</td><td class="num">2</td><td class="num">0</td></tr>',
    );
    expect(html).toContain('average response time: 13ms [min: 10ms, max: 16ms, s.d.: 2ms]');
    expect(html).toContain('<h2>Failures (5)</h2>');
    expect(html).toContain('<h2>Requests (6)</h2>');
    expect(html.match(/<details class="execution/g)).toHaveLength(6);
    expect(html.match(/<details class="execution failed"/g)).toHaveLength(4);
    expect(html).toContain('undefinedThing is not defined');
    expect(html).toContain('connect ECONNREFUSED 127.0.0.1:9');
    expect(html).toContain('GET http://127.0.0.1:9/things/0?iteration=0');
    expect(html).toContain('Folder A / Sub F / request 2');
  });

  it('needs nothing outside the file and runs no script', async () => {
    const html = await htmlReport(tempDir());
    expect(html).not.toMatch(/<script|<link|<img|src=|href="http|@import|url\(/i);
    expect(html).toContain("default-src 'none'");
  });

  it('escapes content so a body holding markup stays inert text', async () => {
    const html = await htmlReport(tempDir());
    // the synthetic response body is {"ok":true,"token":"","html":"<script>alert(1)</script>"}
    expect(html).toContain('"html":"&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('escapes hostile item names, headers and assertion messages', async () => {
    const cwd = tempDir();
    const reporter = htmlReporter({ export: 'x.html' }, syntheticContext({ cwd }));
    const cursor = { position: 0, iteration: 0, length: 1, cycles: 1, ref: 'r' };
    const item = { id: 'x', name: '<img src=x onerror=alert(1)>', path: ['<b>folder</b>'] };
    reporter.beforeItem?.({ cursor, item });
    reporter.request?.({
      cursor,
      item,
      request: {
        method: 'GET',
        url: 'http://h/"><script>1</script>',
        headers: [{ key: '<h>', value: '"v"' }],
      },
      response: {
        code: 200,
        status: 'OK',
        headers: [],
        body: Buffer.from('</pre><script>steal()</script>'),
        responseTime: 1,
        responseSize: 30,
      },
    });
    reporter.assertion?.({
      cursor,
      item,
      assertion: {
        name: '<svg onload=alert(1)>',
        index: 0,
        skipped: false,
        passed: false,
        error: { name: 'AssertionError', message: '<iframe src="javascript:alert(1)">' },
      },
    });
    reporter.item?.({ cursor, item });
    await emitSyntheticRun({ done: reporter.done }, { items: 0 });
    await reporter.close?.();
    const html = readFileSync(join(cwd, 'x.html'), 'utf8');
    for (const hostile of ['<img src=x', '<b>folder</b>', '<svg', '<iframe', '<script', '<h>']) {
      expect(html).not.toContain(hostile);
    }
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;/pre&gt;&lt;script&gt;steal()&lt;/script&gt;');
    expect(html).toContain('&lt;svg onload=alert(1)&gt;');
    expect(html).toContain('http://h/"&gt;&lt;script&gt;1&lt;/script&gt;');
  });

  it('defaults to newman/newman-run-report-<timestamp>.html', async () => {
    const cwd = tempDir();
    const reporter = htmlReporter({}, syntheticContext({ cwd }));
    await emitSyntheticRun(reporter, { items: 1 });
    await reporter.close?.();
    expect(readdirSync(join(cwd, 'newman'))).toEqual(['newman-run-report-2024-05-06-07-08-09-123-0.html']);
  });
});
