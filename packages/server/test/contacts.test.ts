import type { Contact, Conversation, FriendRequest, Message, Profile, TimelineEvent } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, WsClient } from './client';
import { engines } from './databases';
import { makeContacts, makeUser, uploadImage, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+86139${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(5, '0')}`;
}

async function timeline(user: TestUser): Promise<TimelineEvent[]> {
  return (await user.api.ok<{ events: TimelineEvent[] }>('GET', '/api/v1/sync?cursor=0&limit=1000')).events;
}

/** A second signed-in device of the same user, synced and receiving live events. */
async function secondDevice(server: TestServer, user: TestUser): Promise<WsClient> {
  const { token } = await new Api(server.url).ok<{ token: string }>('POST', '/api/v1/sessions', {
    login: user.handle,
    password: user.password,
    deviceName: 'second device',
  });
  const ws = await WsClient.connect(server.url, token);
  await ws.request({ type: 'sync', cursor: 0 });
  return ws;
}

async function live(server: TestServer, user: TestUser): Promise<WsClient> {
  const ws = await WsClient.connect(server.url, user.token);
  await ws.request({ type: 'sync', cursor: 0 });
  return ws;
}

const sendText = (user: TestUser, conversationId: string, clientMsgId: string) =>
  user.api.call('POST', `/api/v1/conversations/${conversationId}/messages`, {
    clientMsgId,
    content: { kind: 'text', body: { text: 'hello' } },
  });

async function contactsOf(user: TestUser): Promise<Contact[]> {
  return (await user.api.ok<{ contacts: Contact[] }>('GET', '/api/v1/contacts')).contacts;
}

async function directWith(user: TestUser, peer: TestUser): Promise<Conversation | undefined> {
  const { conversations } = await user.api.ok<{ conversations: Conversation[] }>('GET', '/api/v1/conversations');
  return conversations.find((conversation) => conversation.kind === 'direct' && conversation.peerId === peer.id);
}

describe.each(engines)('contacts on %s', (engine) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(engine, { TESSERA_LOGIN_RATE_PER_MINUTE: '10000' });
  });
  afterAll(async () => server?.close());

  const request = (from: TestUser, to: TestUser, greeting = 'Hi, it is me') =>
    from.api.call<FriendRequest>('POST', '/api/v1/friend-requests', { toUserId: to.id, greeting });
  const answer = (user: TestUser, requestId: string, accept: boolean) =>
    user.api.call<FriendRequest>('POST', `/api/v1/friend-requests/${requestId}/answer`, { accept });

  describe('search', () => {
    it('finds a user by exact Tessera ID in any case, and by phone number', async () => {
      const phone = uniquePhone();
      const target = await makeUser(server.url, { handle: `Find_${Date.now().toString(36)}`, phone, nickname: 'Target' });
      const seeker = await makeUser(server.url);
      for (const q of [target.handle, target.handle.toLowerCase(), target.handle.toUpperCase(), phone]) {
        const { user } = await seeker.api.ok<{ user: Profile }>('GET', `/api/v1/users/search?q=${encodeURIComponent(q)}`);
        expect(user, q).toMatchObject({ id: target.id, handle: target.handle, nickname: 'Target' });
        expect(user, q).not.toHaveProperty('phone');
      }
    });

    it('matches only exactly', async () => {
      const target = await makeUser(server.url, { phone: uniquePhone() });
      const seeker = await makeUser(server.url);
      for (const q of [target.handle.slice(0, -1), `${target.handle}x`, 'nobody_by_this_id']) {
        const response = await seeker.api.call('GET', `/api/v1/users/search?q=${encodeURIComponent(q)}`);
        expect(response.status, q).toBe(404);
        expect(response.body, q).toMatchObject({ error: { code: 'user_not_found' } });
      }
    });

    it('needs a session', async () => {
      const response = await new Api(server.url).call('GET', '/api/v1/users/search?q=anyone');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'unauthenticated' } });
    });
  });

  describe('friend requests', () => {
    it('delivers a request with its greeting to the recipient live', async () => {
      const alice = await makeUser(server.url, { nickname: 'Alice' });
      const bob = await makeUser(server.url);
      const bobWs = await live(server, bob);
      const sent = await request(alice, bob, 'Hi Bob, we met at the conference');
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ fromUserId: alice.id, toUserId: bob.id, status: 'pending', greeting: 'Hi Bob, we met at the conference' });
      const event = await bobWs.event((candidate) => candidate.kind === 'friend_request.updated');
      expect(event.kind === 'friend_request.updated' && event.request).toMatchObject({
        id: sent.body.id,
        greeting: 'Hi Bob, we met at the conference',
        status: 'pending',
        from: { id: alice.id, nickname: 'Alice' },
      });
      const { requests } = await bob.api.ok<{ requests: FriendRequest[] }>('GET', '/api/v1/friend-requests');
      expect(requests.map((item) => item.id)).toContain(sent.body.id);
      await bobWs.close();
    });

    it('accepting makes them contacts both ways, opens a chat with a contact_added notice, and tells both sides', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const aliceWs = await live(server, alice);
      const bobWs = await live(server, bob);
      const sent = await request(alice, bob, 'Hello from Alice');
      const accepted = await answer(bob, sent.body.id, true);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ id: sent.body.id, status: 'accepted' });

      expect((await contactsOf(alice)).map((contact) => contact.userId)).toEqual([bob.id]);
      expect((await contactsOf(bob)).map((contact) => contact.userId)).toEqual([alice.id]);
      await aliceWs.event((event) => event.kind === 'contact.updated' && event.contact.userId === bob.id);
      await bobWs.event((event) => event.kind === 'contact.updated' && event.contact.userId === alice.id);
      await aliceWs.event((event) => event.kind === 'friend_request.updated' && event.request.status === 'accepted');

      const conversation = await directWith(alice, bob);
      expect(conversation).toBeDefined();
      expect((await directWith(bob, alice))?.id).toBe(conversation!.id);
      const { messages } = await bob.api.ok<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversation!.id}/messages`);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ kind: 'system', body: { notice: 'contact_added', actorId: bob.id, text: 'Hello from Alice' } });
      await aliceWs.event((event) => event.kind === 'message.new' && event.message.conversationId === conversation!.id);

      expect((await sendText(alice, conversation!.id, 'first')).status).toBe(200);
      await aliceWs.close();
      await bobWs.close();
    });

    it('declining tells the sender and makes no contacts', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const aliceWs = await live(server, alice);
      const sent = await request(alice, bob);
      const declined = await answer(bob, sent.body.id, false);
      expect(declined.body).toMatchObject({ id: sent.body.id, status: 'declined' });
      await aliceWs.event((event) => event.kind === 'friend_request.updated' && event.request.status === 'declined');
      expect(await contactsOf(alice)).toEqual([]);
      expect(await contactsOf(bob)).toEqual([]);
      expect(await directWith(alice, bob)).toBeUndefined();
      // A declined request does not stop a later one.
      const again = await request(alice, bob, 'Second try');
      expect(again.body).toMatchObject({ status: 'pending', greeting: 'Second try' });
      expect(again.body.id).not.toBe(sent.body.id);
      await aliceWs.close();
    });

    it('answering twice gives request_not_pending', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const accepted = await request(alice, bob);
      await answer(bob, accepted.body.id, true);
      for (const accept of [true, false]) {
        const again = await answer(bob, accepted.body.id, accept);
        expect(again.status).toBe(409);
        expect(again.body).toMatchObject({ error: { code: 'request_not_pending' } });
      }
      const carol = await makeUser(server.url);
      const declined = await request(carol, bob);
      await answer(bob, declined.body.id, false);
      expect((await answer(bob, declined.body.id, true)).body).toMatchObject({ error: { code: 'request_not_pending' } });
    });

    it('answering concurrently accepts once', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const sent = await request(alice, bob);
      const results = await Promise.all([answer(bob, sent.body.id, true), answer(bob, sent.body.id, true)]);
      expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
      const conversation = await directWith(bob, alice);
      const { messages } = await bob.api.ok<{ messages: Message[] }>('GET', `/api/v1/conversations/${conversation!.id}/messages`);
      expect(messages.filter((message) => message.kind === 'system')).toHaveLength(1);
    });

    it('only the recipient can answer', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const mallory = await makeUser(server.url);
      const sent = await request(alice, bob);
      for (const user of [alice, mallory]) {
        const response = await answer(user, sent.body.id, true);
        expect(response.status).toBe(404);
        expect(response.body).toMatchObject({ error: { code: 'not_found' } });
      }
      expect(await contactsOf(alice)).toEqual([]);
    });

    it('a request to someone who already asked accepts theirs', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const first = await request(alice, bob, 'Alice here');
      const second = await request(bob, alice, 'Bob here');
      expect(second.body).toMatchObject({ id: first.body.id, status: 'accepted' });
      expect((await contactsOf(alice)).map((contact) => contact.userId)).toEqual([bob.id]);
      expect((await contactsOf(bob)).map((contact) => contact.userId)).toEqual([alice.id]);
      expect((await answer(bob, first.body.id, true)).body).toMatchObject({ error: { code: 'request_not_pending' } });
    });

    it('crossing requests sent at the same moment make them contacts once', async () => {
      for (let round = 0; round < 3; round++) {
        const alice = await makeUser(server.url);
        const bob = await makeUser(server.url);
        const results = await Promise.all([request(alice, bob, 'from Alice'), request(bob, alice, 'from Bob')]);
        expect(results.map((result) => result.status)).toEqual([201, 201]);
        expect((await contactsOf(alice)).map((contact) => contact.userId)).toEqual([bob.id]);
        expect((await contactsOf(bob)).map((contact) => contact.userId)).toEqual([alice.id]);
        const { requests } = await alice.api.ok<{ requests: FriendRequest[] }>('GET', '/api/v1/friend-requests');
        expect(requests.map((item) => item.status)).toEqual(['accepted']);
      }
    });

    it('repeated requests sent at the same moment leave one pending request', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const results = await Promise.all([1, 2, 3].map((index) => request(alice, bob, `greeting ${index}`)));
      expect(new Set(results.map((result) => result.body.id)).size).toBe(1);
      const { requests } = await bob.api.ok<{ requests: FriendRequest[] }>('GET', '/api/v1/friend-requests');
      expect(requests).toHaveLength(1);
    });

    it('sending again while pending updates the greeting of the same request', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const bobWs = await live(server, bob);
      const first = await request(alice, bob, 'First greeting');
      const second = await request(alice, bob, 'Second greeting');
      expect(second.body).toMatchObject({ id: first.body.id, status: 'pending', greeting: 'Second greeting' });
      await bobWs.event((event) => event.kind === 'friend_request.updated' && event.request.greeting === 'Second greeting');
      const { requests } = await bob.api.ok<{ requests: FriendRequest[] }>('GET', '/api/v1/friend-requests');
      expect(requests.filter((item) => item.fromUserId === alice.id)).toEqual([
        expect.objectContaining({ id: first.body.id, greeting: 'Second greeting' }),
      ]);
      await bobWs.close();
    });

    it('refuses requests to oneself, to unknown users and between contacts', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      expect((await request(alice, alice)).body).toMatchObject({ error: { code: 'bad_request' } });
      expect((await alice.api.call('GET', '/api/v1/users/no-such-user')).body).toMatchObject({ error: { code: 'user_not_found' } });
      const unknown = await alice.api.call('POST', '/api/v1/friend-requests', { toUserId: 'no-such-user', greeting: '' });
      expect(unknown.body).toMatchObject({ error: { code: 'user_not_found' } });
      await makeContacts(alice, bob);
      const again = await request(alice, bob);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ error: { code: 'already_contacts' } });
    });
  });

  describe('contacts', () => {
    it("syncs a remark to the user's other devices", async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      await makeContacts(alice, bob);
      const laptop = await secondDevice(server, alice);
      const contact = await alice.api.ok<Contact>('PATCH', `/api/v1/contacts/${bob.id}`, { remark: 'Bob from work' });
      expect(contact).toMatchObject({ userId: bob.id, remark: 'Bob from work' });
      const event = await laptop.event((candidate) => candidate.kind === 'contact.updated' && candidate.contact.remark === 'Bob from work');
      expect(event.kind === 'contact.updated' && event.contact.userId).toBe(bob.id);
      expect((await contactsOf(alice))[0]?.remark).toBe('Bob from work');
      // A remark is private: Bob's view of Alice is unchanged.
      expect((await contactsOf(bob))[0]?.remark).toBe('');
      expect((await alice.api.call('PATCH', `/api/v1/contacts/${(await makeUser(server.url)).id}`, { remark: 'x' })).status).toBe(404);
      await laptop.close();
    });

    it('deleting a contact tells every device and stops messages both ways', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const conversationId = await makeContacts(alice, bob);
      const laptop = await secondDevice(server, alice);
      const removed = await alice.api.call('DELETE', `/api/v1/contacts/${bob.id}`);
      expect(removed.status).toBe(204);
      await laptop.event((event) => event.kind === 'contact.removed' && event.userId === bob.id);
      expect(await contactsOf(alice)).toEqual([]);
      for (const [sender, id] of [[alice, 'a-1'], [bob, 'b-1']] as const) {
        const response = await sendText(sender, conversationId, id);
        expect(response.status).toBe(403);
        expect(response.body).toMatchObject({ error: { code: 'not_contacts' } });
      }
      expect((await alice.api.call('DELETE', `/api/v1/contacts/${bob.id}`)).status).toBe(404);
      // Adding each other again restores messaging.
      const again = await request(alice, bob, 'Sorry!');
      await answer(bob, again.body.id, true);
      expect((await sendText(alice, conversationId, 'a-2')).status).toBe(200);
      await laptop.close();
    });
  });

  describe('blocking', () => {
    it('a blocked user cannot message, cannot send friend requests, and sees a limited profile; unblocking restores', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const stranger = await makeUser(server.url);
      const conversationId = await makeContacts(alice, bob);
      const avatar = await uploadImage(alice);
      await alice.api.ok('PATCH', '/api/v1/me', { bio: 'Secret bio', region: 'Shanghai', avatarMediaId: avatar });
      expect((await alice.api.call('PUT', `/api/v1/blocks/${bob.id}`)).status).toBe(204);
      await alice.api.ok('PUT', `/api/v1/blocks/${stranger.id}`);
      expect((await alice.api.ok<{ userIds: string[] }>('GET', '/api/v1/blocks')).userIds.sort()).toEqual([bob.id, stranger.id].sort());

      const message = await sendText(bob, conversationId, 'blocked-1');
      expect(message.status).toBe(403);
      expect(message.body).toMatchObject({ error: { code: 'blocked' } });
      for (const blocked of [bob, stranger]) {
        const friendRequest = await request(blocked, alice);
        expect(friendRequest.status).toBe(403);
        expect(friendRequest.body).toMatchObject({ error: { code: 'blocked' } });
        const seen = await blocked.api.ok<Profile>('GET', `/api/v1/users/${alice.id}`);
        expect(seen).toMatchObject({ id: alice.id, handle: alice.handle, avatarMediaId: null, bio: '', region: '' });
        const searched = await blocked.api.ok<{ user: Profile }>('GET', `/api/v1/users/search?q=${alice.handle}`);
        expect(searched.user).toMatchObject({ avatarMediaId: null, bio: '', region: '' });
      }
      expect((await contactsOf(bob)).find((contact) => contact.userId === alice.id)?.profile).toMatchObject({
        avatarMediaId: null,
        bio: '',
        region: '',
      });
      // Everyone else still sees the full profile.
      const carol = await makeUser(server.url);
      expect(await carol.api.ok<Profile>('GET', `/api/v1/users/${alice.id}`)).toMatchObject({
        avatarMediaId: avatar,
        bio: 'Secret bio',
        region: 'Shanghai',
      });

      await alice.api.ok('DELETE', `/api/v1/blocks/${bob.id}`);
      await alice.api.ok('DELETE', `/api/v1/blocks/${stranger.id}`);
      expect(await alice.api.ok('GET', '/api/v1/blocks')).toEqual({ userIds: [] });
      expect(await bob.api.ok<Profile>('GET', `/api/v1/users/${alice.id}`)).toMatchObject({ bio: 'Secret bio', region: 'Shanghai' });
      expect((await sendText(bob, conversationId, 'unblocked-1')).status).toBe(200);
      expect((await request(stranger, alice, 'Friends?')).status).toBe(201);
    });

    it('tells the blocker\'s devices of a block and an unblock', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const laptop = await secondDevice(server, alice);
      await alice.api.ok('PUT', `/api/v1/blocks/${bob.id}`);
      await laptop.event((event) => event.kind === 'block.updated' && event.userId === bob.id && event.blocked);
      await alice.api.ok('DELETE', `/api/v1/blocks/${bob.id}`);
      await laptop.event((event) => event.kind === 'block.updated' && event.userId === bob.id && !event.blocked);
      await laptop.close();
    });

    it('a blocked contact receives no contact.updated on profile changes until unblocked', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      await makeContacts(alice, bob);
      await alice.api.ok('PUT', `/api/v1/blocks/${bob.id}`);
      const bobWs = await live(server, bob);
      const before = (await timeline(bob)).at(-1)!.seq;
      const changed = (events: TimelineEvent[]) => events.filter((event) => event.seq > before && event.kind === 'contact.updated');
      await alice.api.ok('PATCH', '/api/v1/me', { nickname: 'Renamed while blocking' });
      expect(changed(await timeline(bob))).toEqual([]);

      // Unblocking brings Bob's devices up to date with what changed while he was blocked.
      await alice.api.ok('DELETE', `/api/v1/blocks/${bob.id}`);
      const caughtUp = await bobWs.event((candidate) => candidate.seq > before && candidate.kind === 'contact.updated');
      expect(caughtUp.kind === 'contact.updated' && caughtUp.contact).toMatchObject({
        userId: alice.id,
        profile: { nickname: 'Renamed while blocking' },
      });
      await alice.api.ok('PATCH', '/api/v1/me', { nickname: 'Renamed after unblocking' });
      const event = await bobWs.event((candidate) => candidate.seq > caughtUp.seq && candidate.kind === 'contact.updated');
      expect(event.kind === 'contact.updated' && event.contact.profile.nickname).toBe('Renamed after unblocking');
      expect(changed(bobWs.events)).toEqual([caughtUp, event]);
      expect(event.kind === 'contact.updated' && event.contact.profile.nickname).toBe('Renamed after unblocking');
      await bobWs.close();
    });

    it('blocks are one-way, and refuse oneself and unknown users', async () => {
      const alice = await makeUser(server.url);
      const bob = await makeUser(server.url);
      const conversationId = await makeContacts(alice, bob);
      await alice.api.ok('PUT', `/api/v1/blocks/${bob.id}`);
      // Blocking hides Alice from Bob, not Bob from Alice.
      expect(await alice.api.ok<Profile>('GET', `/api/v1/users/${bob.id}`)).toMatchObject({ id: bob.id });
      expect((await alice.api.call('PUT', `/api/v1/blocks/${alice.id}`)).body).toMatchObject({ error: { code: 'bad_request' } });
      expect((await alice.api.call('PUT', '/api/v1/blocks/no-such-user')).body).toMatchObject({ error: { code: 'user_not_found' } });
      expect((await sendText(bob, conversationId, 'one-way')).body).toMatchObject({ error: { code: 'blocked' } });
    });
  });
});
