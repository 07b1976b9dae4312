import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertMany } from './batch-sql';
import { openDatabase, type Database } from './database';
import { sqliteTransaction } from './sqlite-direct';

describe('statements run directly on the SQLite transaction', () => {
  let db: Database;
  beforeEach(async () => {
    db = openDatabase({ kind: 'sqlite', file: ':memory:' }).db;
    await sql`CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL, score integer)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const rows = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index + 1, body: `note ${index + 1}`, score: index % 2 ? null : index }));
  const stored = async () => (await sql<{ id: number; body: string; score: number | null }>`SELECT * FROM notes ORDER BY id`.execute(db)).rows;

  it('are handed out only inside a transaction', async () => {
    expect(sqliteTransaction(db)).toBeUndefined();
    await db.transaction().execute(async (tx) => {
      expect(sqliteTransaction(tx)).toBeDefined();
    });
  });

  it('commit with the transaction, values and nulls as given', async () => {
    await db.transaction().execute((tx) => insertMany(tx, 'notes', rows(300), { id: 'integer', body: 'text', score: 'integer' }));
    expect(await stored()).toEqual(rows(300));
  });

  it('roll back with the transaction', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await insertMany(tx, 'notes', rows(3), { id: 'integer', body: 'text', score: 'integer' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await stored()).toEqual([]);
  });

  it('fail the statement on a constraint, as a bulk insert does, and leave nothing behind', async () => {
    const duplicate = [...rows(2), { id: 1, body: 'again', score: null }];
    await expect(
      db.transaction().execute((tx) => insertMany(tx, 'notes', duplicate, { id: 'integer', body: 'text', score: 'integer' })),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    await insertMany(db, 'notes', duplicate.slice(0, 2), { id: 'integer', body: 'text', score: 'integer' });
    expect(await stored()).toEqual(rows(2));
  });
});
