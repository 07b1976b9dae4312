import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { migrateToLatest, openDatabase, type Database } from '../src/platform/db/database';
import { migrations } from '../src/platform/db/migrations';
import { createTestDatabase, engines, type TestDatabase } from './databases';

describe.each(engines)('migrations on %s', (engine) => {
  const opened: Database[] = [];
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.destroy()));
    await database?.drop();
  });

  function open(url: string) {
    const config = loadConfig({ TESSERA_DATABASE_URL: url, TESSERA_DATA_DIR: database!.dataDir });
    const handle = openDatabase(config.database);
    opened.push(handle.db);
    return handle;
  }

  it('migrates a fresh database once, even when several nodes boot at the same moment', async () => {
    database = await createTestDatabase(engine);
    const nodes = engine === 'postgres' ? [open(database.url), open(database.url), open(database.url)] : [open(database.url)];
    await Promise.all(nodes.map(({ db, dialect }) => migrateToLatest(db, dialect)));
    const { db, dialect } = nodes[0]!;
    await migrateToLatest(db, dialect);
    const applied = await db
      .selectFrom('schema_migrations' as never)
      .select('name' as never)
      .execute();
    expect(applied.map((row) => (row as { name: string }).name)).toEqual(Object.keys(migrations));
    const users = await db.selectFrom('users').select('id').execute();
    expect(users).toEqual([]);
  });
});
