import type { Kysely } from 'kysely';

/** Accounts, contacts, conversations, messages, timelines and media. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('handle', 'varchar(32)', (column) => column.notNull())
    .addColumn('handle_lower', 'varchar(32)', (column) => column.notNull().unique())
    .addColumn('phone', 'varchar(20)', (column) => column.unique())
    .addColumn('password_hash', 'varchar(255)', (column) => column.notNull())
    .addColumn('nickname', 'varchar(64)', (column) => column.notNull())
    .addColumn('avatar_media_id', 'varchar(80)')
    .addColumn('bio', 'varchar(400)', (column) => column.notNull().defaultTo(''))
    .addColumn('region', 'varchar(128)', (column) => column.notNull().defaultTo(''))
    .addColumn('timeline_seq', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('locked_until', 'bigint')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('user_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('token_hash', 'varchar(64)', (column) => column.notNull().unique())
    .addColumn('device_name', 'varchar(64)', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'bigint', (column) => column.notNull())
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['user_id']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('owner_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('contact_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('remark', 'varchar(64)', (column) => column.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['owner_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('owner_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('blocked_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['owner_id', 'blocked_id'])
    .execute();

  await db.schema
    .createTable('friend_requests')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('from_user_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('to_user_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('greeting', 'varchar(400)', (column) => column.notNull())
    .addColumn('status', 'varchar(16)', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('friend_requests_to').on('friend_requests').columns(['to_user_id', 'status']).execute();
  await db.schema.createIndex('friend_requests_from').on('friend_requests').columns(['from_user_id', 'status']).execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('kind', 'varchar(16)', (column) => column.notNull())
    .addColumn('unique_key', 'varchar(80)', (column) => column.unique())
    .addColumn('name', 'varchar(128)', (column) => column.notNull().defaultTo(''))
    .addColumn('avatar_media_id', 'varchar(80)')
    .addColumn('announcement', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('owner_id', 'varchar(32)')
    .addColumn('last_seq', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('member_count', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('conversation_id', 'varchar(32)', (column) => column.notNull().references('conversations.id'))
    .addColumn('user_id', 'varchar(32)', (column) => column.notNull().references('users.id'))
    .addColumn('role', 'varchar(16)', (column) => column.notNull())
    .addColumn('pinned', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('muted', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('read_seq', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('from_seq', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('joined_at', 'bigint', (column) => column.notNull())
    .addColumn('updated_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('members_pk', ['conversation_id', 'user_id'])
    .execute();
  await db.schema.createIndex('members_user').on('members').columns(['user_id']).execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'varchar(32)', (column) => column.primaryKey())
    .addColumn('conversation_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('seq', 'bigint', (column) => column.notNull())
    .addColumn('sender_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('client_msg_id', 'varchar(64)')
    .addColumn('kind', 'varchar(16)', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('quote', 'text')
    .addColumn('mentions', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('sent_at', 'bigint', (column) => column.notNull())
    .addColumn('recalled_at', 'bigint')
    .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
    .addUniqueConstraint('messages_sender_client_id', ['sender_id', 'client_msg_id'])
    .execute();

  await db.schema
    .createTable('mentions')
    .addColumn('conversation_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('seq', 'bigint', (column) => column.notNull())
    .addColumn('user_id', 'varchar(32)', (column) => column.notNull())
    .addPrimaryKeyConstraint('mentions_pk', ['conversation_id', 'user_id', 'seq'])
    .execute();

  await db.schema
    .createTable('timeline')
    .addColumn('user_id', 'varchar(32)', (column) => column.notNull())
    .addColumn('seq', 'bigint', (column) => column.notNull())
    .addColumn('kind', 'varchar(32)', (column) => column.notNull())
    .addColumn('conversation_id', 'varchar(32)')
    .addColumn('message_seq', 'bigint')
    .addColumn('payload', 'text')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('timeline_pk', ['user_id', 'seq'])
    .execute();

  await db.schema
    .createTable('media')
    .addColumn('id', 'varchar(80)', (column) => column.primaryKey())
    .addColumn('size', 'bigint', (column) => column.notNull())
    .addColumn('content_type', 'varchar(100)', (column) => column.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('thumbnail_id', 'varchar(80)')
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('media_refs')
    .addColumn('media_id', 'varchar(80)', (column) => column.notNull())
    .addColumn('holder', 'varchar(80)', (column) => column.notNull())
    .addColumn('created_at', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('media_refs_pk', ['media_id', 'holder'])
    .execute();
}
