import type { Conversation, Member, Message, SystemBody, TimelineEvent } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WsClient } from './client';
import { engines } from './databases';
import { makeContacts, makeUser, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

interface GroupView {
  conversation: Conversation;
  members: Member[];
}

type Updated = Extract<TimelineEvent, { kind: 'conversation.updated' }>;
type NewMessage = Extract<TimelineEvent, { kind: 'message.new' }>;

const updatedIn =
  (conversationId: string, test: (event: Updated) => boolean = () => true) =>
  (event: TimelineEvent): boolean =>
    event.kind === 'conversation.updated' && event.conversation.id === conversationId && test(event);

const noticeIn =
  (conversationId: string, notice: SystemBody['notice']) =>
  (event: TimelineEvent): boolean =>
    event.kind === 'message.new' &&
    event.message.conversationId === conversationId &&
    event.message.kind === 'system' &&
    event.message.body.notice === notice;

const removedFrom = (conversationId: string) => (event: TimelineEvent) =>
  event.kind === 'conversation.removed' && event.conversationId === conversationId;

/** A connected device that has caught up and now receives live events. */
async function device(url: string, user: TestUser): Promise<WsClient> {
  const ws = await WsClient.connect(url, user.token);
  await ws.request({ type: 'sync', cursor: 0 });
  return ws;
}

function roles(view: { members?: Member[] | undefined }): Record<string, string> {
  return Object.fromEntries((view.members ?? []).map((member) => [member.userId, member.role]));
}

describe.each(engines)('groups on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => server?.close());

  /** An owner with `count` contacts. */
  async function circle(count: number, url = server.url): Promise<{ owner: TestUser; friends: TestUser[] }> {
    const owner = await makeUser(url);
    const friends: TestUser[] = [];
    for (let index = 0; index < count; index++) {
      const friend = await makeUser(url);
      await makeContacts(owner, friend);
      friends.push(friend);
    }
    return { owner, friends };
  }

  async function createGroup(owner: TestUser, members: TestUser[], name?: string): Promise<GroupView> {
    return owner.api.ok<GroupView>('POST', '/api/v1/groups', { ...(name ? { name } : {}), memberIds: members.map((member) => member.id) });
  }

  async function send(user: TestUser, conversationId: string, text: string, mentions?: string[]) {
    return user.api.call<{ seq: number }>('POST', `/api/v1/conversations/${conversationId}/messages`, {
      clientMsgId: `${text}-${Math.random()}`,
      content: { kind: 'text', body: { text } },
      ...(mentions ? { mentions } : {}),
    });
  }

  async function listed(user: TestUser, conversationId: string): Promise<Conversation | undefined> {
    const { conversations } = await user.api.ok<{ conversations: Conversation[] }>('GET', '/api/v1/conversations');
    return conversations.find((conversation) => conversation.id === conversationId);
  }

  function expectError(result: { status: number; body: unknown }, status: number, code: string): void {
    expect(result.body).toMatchObject({ error: { code } });
    expect(result.status).toBe(status);
  }

  it('creates a three-person group and shows @mentions to the mentioned member', async () => {
    const { owner: alice, friends } = await circle(2);
    const [bob, carol] = friends as [TestUser, TestUser];
    const bobWs = await device(server.url, bob);

    const created = await alice.api.call<GroupView>('POST', '/api/v1/groups', { name: '周末爬山', memberIds: [bob.id, carol.id, alice.id, bob.id] });
    expect(created.status).toBe(201);
    const group = created.body.conversation;
    expect(group).toMatchObject({ kind: 'group', name: '周末爬山', ownerId: alice.id, memberCount: 3 });
    expect(roles(created.body)).toEqual({ [alice.id]: 'owner', [bob.id]: 'member', [carol.id]: 'member' });

    const announced = (await bobWs.event(updatedIn(group.id))) as Updated;
    expect(announced.conversation).toMatchObject({ ownerId: alice.id, memberCount: 3 });
    expect(roles(announced)).toEqual(roles(created.body));
    const notice = (await bobWs.event(noticeIn(group.id, 'group_created'))) as NewMessage;
    expect(notice.message.body).toMatchObject({ actorId: alice.id, name: '周末爬山' });
    expect((notice.message.body.targetIds as string[]).sort()).toEqual([bob.id, carol.id].sort());

    const mention = await send(alice, group.id, '@bob 明天几点?', [bob.id]);
    expect(mention.status).toBe(200);
    expect((await listed(bob, group.id))?.mentionSeq).toBe(mention.body.seq);
    expect((await listed(carol, group.id))?.mentionSeq).toBeNull();

    expectError(await send(bob, group.id, '@all hi', ['all']), 403, 'not_group_admin');
    const everyone = await send(alice, group.id, '@all 集合', ['all']);
    expect((await listed(carol, group.id))?.mentionSeq).toBe(everyone.body.seq);

    const stranger = await makeUser(server.url);
    const refused = await alice.api.call('POST', '/api/v1/groups', { memberIds: [bob.id, stranger.id] });
    expectError(refused, 403, 'not_contacts');
    expect(refused.body).toMatchObject({ error: { details: { userId: stranger.id } } });
    await bobWs.close();
  });

  it('lets any member invite their own contacts, who see only what follows their joining', async () => {
    const { owner: alice, friends } = await circle(2);
    const [bob, carol] = friends as [TestUser, TestUser];
    const dave = await makeUser(server.url);
    await makeContacts(bob, dave);
    const { conversation: group } = await createGroup(alice, [bob, carol]);
    await send(alice, group.id, 'before dave');
    const aliceWs = await device(server.url, alice);
    const daveWs = await device(server.url, dave);

    const invited = await bob.api.ok<GroupView>('POST', `/api/v1/groups/${group.id}/members`, { userIds: [dave.id, carol.id] });
    expect(invited.conversation.memberCount).toBe(4);
    expect(roles(invited)[dave.id]).toBe('member');
    const joined = (await daveWs.event(updatedIn(group.id))) as Updated;
    expect(joined.members).toHaveLength(4);
    await aliceWs.event(updatedIn(group.id, (event) => event.members?.length === 4));
    const notice = (await aliceWs.event(noticeIn(group.id, 'member_joined'))) as NewMessage;
    expect(notice.message.body).toMatchObject({ actorId: bob.id, targetIds: [dave.id] });

    await send(alice, group.id, 'after dave');
    const { messages } = await dave.api.ok<{ messages: Message[] }>('GET', `/api/v1/conversations/${group.id}/messages`);
    expect(messages.map((message) => message.body.text ?? message.body.notice).reverse()).toEqual(['member_joined', 'after dave']);
    expect((await listed(dave, group.id))?.unread).toBe(2);

    const erin = await makeUser(server.url);
    expectError(await bob.api.call('POST', `/api/v1/groups/${group.id}/members`, { userIds: [erin.id] }), 403, 'not_contacts');
    const again = await bob.api.ok<GroupView>('POST', `/api/v1/groups/${group.id}/members`, { userIds: [dave.id] });
    expect(again.conversation.memberCount).toBe(4);
    await aliceWs.close();
    await daveWs.close();
  });

  it('lets the owner remove anyone and admins remove plain members, and cuts removed members off', async () => {
    const { owner: alice, friends } = await circle(3);
    const [bob, carol, dave] = friends as [TestUser, TestUser, TestUser];
    const { conversation: group } = await createGroup(alice, [bob, carol, dave]);
    const path = `/api/v1/groups/${group.id}`;

    const promoted = await alice.api.ok<GroupView>('PUT', `${path}/admins/${bob.id}`, { admin: true });
    expect(roles(promoted)[bob.id]).toBe('admin');
    expectError(await carol.api.call('PUT', `${path}/admins/${dave.id}`, { admin: true }), 403, 'not_group_owner');
    expectError(await bob.api.call('PUT', `${path}/admins/${dave.id}`, { admin: true }), 403, 'not_group_owner');
    expectError(await carol.api.call('DELETE', `${path}/members/${dave.id}`), 403, 'not_group_admin');
    expectError(await bob.api.call('DELETE', `${path}/members/${alice.id}`), 403, 'not_group_owner');
    await alice.api.ok('PUT', `${path}/admins/${dave.id}`, { admin: true });
    expectError(await bob.api.call('DELETE', `${path}/members/${dave.id}`), 403, 'not_group_owner');
    const demoted = await alice.api.ok<GroupView>('PUT', `${path}/admins/${dave.id}`, { admin: false });
    expect(roles(demoted)[dave.id]).toBe('member');

    const aliceWs = await device(server.url, alice);
    const carolWs = await device(server.url, carol);
    const afterRemoval = await bob.api.ok<GroupView>('DELETE', `${path}/members/${carol.id}`);
    expect(afterRemoval.conversation.memberCount).toBe(3);
    expect(roles(afterRemoval)[carol.id]).toBeUndefined();
    await carolWs.event(removedFrom(group.id));
    const notice = (await aliceWs.event(noticeIn(group.id, 'member_removed'))) as NewMessage;
    expect(notice.message.body).toMatchObject({ actorId: bob.id, targetIds: [carol.id] });
    await aliceWs.event(updatedIn(group.id, (event) => event.members?.length === 3 && event.conversation.memberCount === 3));
    expect(carolWs.events.some(noticeIn(group.id, 'member_removed'))).toBe(false);

    expectError(await send(carol, group.id, 'still here?'), 403, 'not_a_member');
    expectError(await carol.api.call('GET', `/api/v1/conversations/${group.id}/messages`), 403, 'not_a_member');
    expectError(await bob.api.call('DELETE', `${path}/members/${carol.id}`), 403, 'not_a_member');

    await alice.api.ok('DELETE', `${path}/members/${bob.id}`);
    expect((await listed(alice, group.id))?.memberCount).toBe(2);
    expectError(await alice.api.call('PATCH', '/api/v1/groups/no-such-group', { name: 'x' }), 404, 'conversation_not_found');
    const direct = (await alice.api.ok<{ conversations: Conversation[] }>('GET', '/api/v1/conversations')).conversations.find(
      (conversation) => conversation.kind === 'direct',
    )!;
    expectError(await alice.api.call('PATCH', `/api/v1/groups/${direct.id}`, { name: 'x' }), 404, 'conversation_not_found');
    await aliceWs.close();
    await carolWs.close();
  });

  it('makes the owner transfer ownership before leaving', async () => {
    const { owner: alice, friends } = await circle(2);
    const [bob, carol] = friends as [TestUser, TestUser];
    const outsider = await makeUser(server.url);
    const { conversation: group } = await createGroup(alice, [bob, carol]);
    const path = `/api/v1/groups/${group.id}`;

    expectError(await alice.api.call('POST', `${path}/leave`), 409, 'owner_cannot_leave');
    expectError(await bob.api.call('POST', `${path}/transfer`, { toUserId: carol.id }), 403, 'not_group_owner');
    expectError(await alice.api.call('POST', `${path}/transfer`, { toUserId: outsider.id }), 403, 'not_a_member');

    const aliceWs = await device(server.url, alice);
    const carolWs = await device(server.url, carol);
    const transferred = await alice.api.ok<GroupView>('POST', `${path}/transfer`, { toUserId: bob.id });
    expect(transferred.conversation.ownerId).toBe(bob.id);
    expect(roles(transferred)).toMatchObject({ [alice.id]: 'member', [bob.id]: 'owner' });
    await carolWs.event(updatedIn(group.id, (event) => event.conversation.ownerId === bob.id && roles(event)[bob.id] === 'owner'));
    await carolWs.event(noticeIn(group.id, 'owner_transferred'));

    const left = await alice.api.call('POST', `${path}/leave`);
    expect(left.status).toBe(204);
    await aliceWs.event(removedFrom(group.id));
    const notice = (await carolWs.event(noticeIn(group.id, 'member_left'))) as NewMessage;
    expect(notice.message.body).toMatchObject({ actorId: alice.id });
    await carolWs.event(updatedIn(group.id, (event) => event.conversation.memberCount === 2 && event.members?.length === 2));
    expect(await listed(alice, group.id)).toBeUndefined();
    expectError(await send(alice, group.id, 'hello?'), 403, 'not_a_member');
    expectError(await bob.api.call('POST', `${path}/leave`), 409, 'owner_cannot_leave');
    await aliceWs.close();
    await carolWs.close();
  });

  it('lets the owner and admins rename and post announcements, on every device of every member', async () => {
    const { owner: alice, friends } = await circle(2);
    const [bob, carol] = friends as [TestUser, TestUser];
    const { conversation: group } = await createGroup(alice, [bob, carol]);
    const path = `/api/v1/groups/${group.id}`;
    expectError(await bob.api.call('PATCH', path, { name: 'mine now' }), 403, 'not_group_admin');

    const bobPhone = await device(server.url, bob);
    const bobLaptop = await device(server.url, bob);
    const updated = await alice.api.ok<GroupView>('PATCH', path, { name: '读书会', announcement: '周六 9 点' });
    expect(updated.conversation).toMatchObject({ name: '读书会', announcement: '周六 9 点' });
    for (const ws of [bobPhone, bobLaptop]) {
      await ws.event(updatedIn(group.id, (event) => event.conversation.name === '读书会' && event.conversation.announcement === '周六 9 点'));
      const renamed = (await ws.event(noticeIn(group.id, 'group_renamed'))) as NewMessage;
      expect(renamed.message.body).toMatchObject({ actorId: alice.id, name: '读书会' });
      const announced = (await ws.event(noticeIn(group.id, 'announcement_changed'))) as NewMessage;
      expect(announced.message.body).toMatchObject({ text: '周六 9 点' });
    }

    await alice.api.ok('PUT', `${path}/admins/${bob.id}`, { admin: true });
    const renamedByAdmin = await bob.api.ok<GroupView>('PATCH', path, { name: 'Book club' });
    expect(renamedByAdmin.conversation.name).toBe('Book club');
    await bobPhone.close();
    await bobLaptop.close();
  });

  describe('with a member limit of 3', () => {
    let small: TestServer;
    beforeAll(async () => {
      small = await startTestServer(engine, { TESSERA_GROUP_MEMBER_LIMIT: '3' });
    });
    afterAll(async () => small?.close());

    it('refuses groups past the limit, even when invites race', async () => {
      const { owner: alice, friends } = await circle(4, small.url);
      const [bob, carol, dave, erin] = friends as [TestUser, TestUser, TestUser, TestUser];
      const tooBig = await alice.api.call('POST', '/api/v1/groups', { memberIds: [bob.id, carol.id, dave.id] });
      expectError(tooBig, 409, 'group_full');

      const { conversation: group } = await createGroup(alice, [bob]);
      const path = `/api/v1/groups/${group.id}`;
      const results = await Promise.all(
        [carol, dave, erin].map((friend) => alice.api.call('POST', `${path}/members`, { userIds: [friend.id] })),
      );
      expect(results.filter((result) => result.status === 200)).toHaveLength(1);
      for (const result of results.filter((result) => result.status !== 200)) expectError(result, 409, 'group_full');
      const { conversation, members } = await alice.api.ok<GroupView>('GET', `/api/v1/conversations/${group.id}`);
      expect(members).toHaveLength(3);
      expect(conversation.memberCount).toBe(3);

      const joined = members.find((member) => member.role === 'member' && member.userId !== bob.id)!;
      await alice.api.ok('DELETE', `${path}/members/${joined.userId}`);
      const refilled = await alice.api.ok<GroupView>('POST', `${path}/members`, { userIds: [erin.id] });
      expect(refilled.members.map((member) => member.userId)).toContain(erin.id);
      expect(refilled.conversation.memberCount).toBe(3);
    });
  });
});
