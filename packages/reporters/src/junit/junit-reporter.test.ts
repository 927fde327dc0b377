import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collection } from '@postern/collection';
import { afterAll, describe, expect, it } from 'vitest';
import { differentialCollection, startReferenceServer } from '../test-support/differential-collection.ts';
import { runNewmanInto } from '../test-support/newman-events.ts';
import { emitSyntheticRun, syntheticContext } from '../test-support/synthetic-run.ts';
import { junitReporter } from './junit-reporter.ts';
import { className } from './junit-suites.ts';

/** An element of the parsed document: name, attributes, children and text (CDATA included). */
interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

interface SaxParser {
  onopentag: (tag: { name: string; attributes: Record<string, string> }) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  onerror: (error: Error) => void;
  write(xml: string): SaxParser;
  close(): void;
}

/** Parses with sax in strict mode: any well-formedness error throws. */
function parseXml(xml: string): XmlNode {
  const sax = createRequire(import.meta.url)('sax') as { parser(strict: boolean): SaxParser };
  const parser = sax.parser(true);
  const root: XmlNode = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const top = (): XmlNode => stack[stack.length - 1] as XmlNode;
  parser.onopentag = (tag) => {
    const node: XmlNode = { name: tag.name, attributes: tag.attributes, children: [], text: '' };
    top().children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.ontext = (text) => {
    top().text += text;
  };
  parser.oncdata = (text) => {
    top().text += text;
  };
  parser.onerror = (error) => {
    throw error;
  };
  parser.write(xml).close();
  const document = root.children[0];
  if (!document) throw new Error('empty document');
  return document;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'postern-junit-test-'));
  dirs.push(dir);
  return dir;
}

describe('junit reporter', () => {
  it('writes one testsuite per item with a testcase per assertion, failures counted over iterations', async () => {
    const cwd = tempDir();
    const reporter = junitReporter({ export: 'junit.xml' }, syntheticContext({ cwd }));
    await emitSyntheticRun(reporter, {
      items: 3,
      iterations: 2,
      failAssertionEvery: 2,
      prerequestErrorEvery: 5,
      requestErrorEvery: 4,
    });
    await reporter.close?.();
    const xml = readFileSync(join(cwd, 'junit.xml'), 'utf8');
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="Synthetic Collection"'),
    ).toBe(true);
    const root = parseXml(xml);
    expect(root.name).toBe('testsuites');
    expect(root.attributes.tests).toBe('6');
    const suites = root.children;
    expect(suites.map((s) => s.attributes.name)).toEqual([
      'request 0',
      'Folder A / request 1',
      'Folder A / Sub F / request 2',
    ]);
    const [first, second] = suites;
    expect(first?.attributes).toMatchObject({
      id: 'item-0',
      timestamp: '2024-05-06T07:08:09.000Z',
      tests: '3',
    });
    // request 0: iteration 2 failed to connect and failed "body has id"
    expect(first?.attributes).toMatchObject({ failures: '1', errors: '1' });
    expect(first?.children.find((c) => c.name === 'system-err')?.text).toContain(
      'RequestError: Error: connect',
    );
    const cases = first?.children.filter((c) => c.name === 'testcase') ?? [];
    expect(cases.map((c) => c.attributes.name)).toEqual(['status is 200', 'body has id', 'skipped check']);
    expect(cases[0]?.attributes.classname).toBe('Request0');
    const failure = cases[1]?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes).toEqual({ type: 'AssertionFailure', message: "expected '' to equal 'id'" });
    expect(failure?.text).toContain('Failed 1 times.');
    expect(failure?.text).toContain('Collection JSON ID: collection-1.');
    expect(failure?.text).toContain('Request name: request 0.');
    // request 1: failed in iteration 1, pre-request script error in iteration 2
    expect(second?.attributes).toMatchObject({ failures: '1', errors: '1' });
    expect(second?.children.find((c) => c.name === 'system-err')?.text).toContain('prerequestScriptError:');
  });

  it('stays well-formed whatever names, messages and stacks hold', async () => {
    const cwd = tempDir();
    const ctx = syntheticContext({ cwd });
    const reporter = junitReporter({ export: 'nasty.xml' }, ctx);
    const cursor = { position: 0, iteration: 0, length: 1, cycles: 1, ref: 'r' };
    const item = { id: 'i"d', name: 'a <b> & "c" \u0001', path: ["F'older"] };
    reporter.beforeItem?.({ cursor, item });
    reporter.assertion?.({
      cursor,
      item,
      assertion: {
        name: 'x ]]> y <z/>',
        index: 0,
        skipped: false,
        passed: false,
        error: { name: 'AssertionError', message: 'bad "]]>" & \u0000 <tag>\nline', stack: 'at ]]> &amp;' },
      },
    });
    reporter.item?.({ cursor, item });
    await emitSyntheticRun({ done: reporter.done }, { items: 0 });
    await reporter.close?.();
    const root = parseXml(readFileSync(join(cwd, 'nasty.xml'), 'utf8'));
    const suite = root.children[0];
    expect(suite?.attributes.name).toBe('F\'older / a <b> & "c" ');
    const testCase = suite?.children[0];
    expect(testCase?.attributes.name).toBe('x ]]> y <z/>');
    expect(testCase?.children[0]?.attributes.message).toBe('bad "]]>" &  <tag>\nline');
    expect(testCase?.children[0]?.text).toContain('Stacktrace: at ]]> &amp;.');
  });

  it("names testcase classes like Newman's lodash camelCase", () => {
    expect(className('Folder A / Sub F / post it')).toBe('FolderASubFPostIt');
    expect(className('root req')).toBe('RootReq');
    expect(className('XMLHttp request 2')).toBe('XmlHttpRequest2');
  });

  it("agrees with Newman's junit report for the same run", async () => {
    const server = await startReferenceServer();
    const dir = tempDir();
    try {
      const collection = differentialCollection(server.port);
      const ctx = syntheticContext({ cwd: dir, collection: collection as unknown as Collection });
      const ours = junitReporter({ export: 'ours.xml' }, ctx);
      const theirsPath = join(dir, 'theirs.xml');
      await runNewmanInto(
        collection,
        { reporters: ['junit'], reporter: { junit: { export: theirsPath } }, iterationCount: 2 },
        ours,
      );
      await ours.close?.();
      const shape = (node: XmlNode): unknown => ({
        name: node.name,
        attributes: Object.fromEntries(
          Object.entries(node.attributes).filter(([key]) => !['time', 'timestamp'].includes(key)),
        ),
        children: node.children.filter((c) => c.name !== 'system-err').map(shape),
      });
      const theirs = parseXml(readFileSync(theirsPath, 'utf8'));
      const mine = parseXml(readFileSync(join(dir, 'ours.xml'), 'utf8'));
      expect(shape(mine)).toEqual(shape(theirs));
      const failureText = (root: XmlNode) =>
        root.children[0]?.children
          .find((c) => c.attributes.name === 'fails')
          ?.children[0]?.text.split('Stacktrace')[0];
      expect(failureText(mine)).toBe(failureText(theirs));
    } finally {
      await server.close();
    }
  });
});
