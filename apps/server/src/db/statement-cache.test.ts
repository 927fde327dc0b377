import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cachingStatements } from './statement-cache.ts';

describe('cachingStatements (SQLite prepared-statement reuse)', () => {
  let dir: string;
  let sqlite: SQLite.Database;
  let prepares: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postern-stmt-'));
    sqlite = new SQLite(join(dir, 'cache.db'));
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    // Count the real database's prepares (the statements themselves are SQLite's own).
    prepares = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepares.push(text);
      return prepare(text);
    }) as typeof sqlite.prepare;
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares each SQL text once and runs it again with new values', () => {
    const db = cachingStatements(sqlite);
    const insert = 'INSERT INTO t (v) VALUES (?)';
    for (const v of ['a', 'b', 'c']) db.prepare(insert).run([v]);
    const select = 'SELECT v FROM t WHERE id = ?';
    expect(db.prepare(select).all([2])).toEqual([{ v: 'b' }]);
    expect(db.prepare(select).all([3])).toEqual([{ v: 'c' }]);
    expect(prepares).toEqual([insert, select]);
    expect(db.prepare(select).reader).toBe(true);
    expect(db.prepare(insert).reader).toBe(false);
    expect(db.cachedStatements).toBe(2);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const db = cachingStatements(sqlite, 2);
    const q = (n: number) => `SELECT ${n} AS n`;
    db.prepare(q(1));
    db.prepare(q(2));
    db.prepare(q(1)); // 1 is now the most recent
    db.prepare(q(3)); // evicts 2
    expect(db.cachedStatements).toBe(2);
    db.prepare(q(1));
    db.prepare(q(2)); // prepared again
    expect(prepares).toEqual([q(1), q(2), q(3), q(2)]);
    expect(db.prepare(q(2)).all([])).toEqual([{ n: 2 }]);
  });

  it('never hands out a statement that is still iterating', () => {
    const db = cachingStatements(sqlite);
    db.prepare('INSERT INTO t (v) VALUES (?), (?)').run(['x', 'y']);
    const text = 'SELECT v FROM t ORDER BY id';
    const iterator = db.prepare(text).iterate([]);
    expect(iterator.next().value).toEqual({ v: 'x' });
    // The cached statement is busy: a fresh one answers, and the iteration goes on unharmed.
    expect(db.prepare(text).all([])).toEqual([{ v: 'x' }, { v: 'y' }]);
    expect(iterator.next().value).toEqual({ v: 'y' });
    expect(iterator.next().done).toBe(true);
    expect(prepares.filter((p) => p === text)).toHaveLength(2);
  });

  it('runs a query ending in `limit ?` with the limit written in (no re-prepare per run)', () => {
    const db = cachingStatements(sqlite);
    db.prepare('INSERT INTO t (v) VALUES (?), (?), (?)').run(['x', 'y', 'z']);
    const text = 'SELECT v FROM t WHERE id > ? ORDER BY id limit ?';
    const statement = db.prepare(text);
    expect(statement.reader).toBe(true);
    expect(statement.all([0, 1])).toEqual([{ v: 'x' }]);
    expect(db.prepare(text).all([0, 2])).toEqual([{ v: 'x' }, { v: 'y' }]);
    expect(db.prepare(text).all([1, 1])).toEqual([{ v: 'y' }]);
    expect([...db.prepare(text).iterate([0, 2])]).toEqual([{ v: 'x' }, { v: 'y' }]);
    const head = 'SELECT v FROM t WHERE id > ? ORDER BY id limit ';
    expect(prepares.filter((p) => p.startsWith(head))).toEqual([text, `${head}1`, `${head}2`]);
    // Anything but a non-negative integer is bound as before (-1: no limit in SQLite).
    expect(db.prepare(text).all([0, -1])).toHaveLength(3);
    expect(() => db.prepare(text).all([0, 1.5])).toThrow(/datatype mismatch/);
    expect(prepares.filter((p) => p.startsWith(head))).toHaveLength(3);
  });

  it('closes the database', () => {
    const db = cachingStatements(sqlite);
    db.prepare('SELECT 1').all([]);
    db.close();
    expect(sqlite.open).toBe(false);
    expect(db.cachedStatements).toBe(0);
  });
});
