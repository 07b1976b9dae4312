import type { Profile, SelfProfile, Session, TimelineEvent } from '@tessera/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ManualClock } from '../src/platform/clock';
import { Api, WsClient } from './client';
import { engines } from './databases';
import { makeContacts, makeUser, uploadImage, type TestUser } from './factories';
import { startTestServer, type TestServer } from './harness';

const password = 'correct horse battery';

function uniqueHandle(prefix = 'user'): string {
  return `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
}

/** A phone number no other test uses. */
let phoneCounter = 0;
function uniquePhone(): string {
  phoneCounter += 1;
  return `+86138${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(5, '0')}`;
}

/** Resolves with the socket's close code once the server closes it. */
function closed(ws: WsClient): Promise<number> {
  if (ws.closeCode !== undefined) return Promise.resolve(ws.closeCode);
  return new Promise((resolve) => ws.socket.once('close', (code: number) => resolve(code)));
}

/** The HTTP status with which the server answers a WebSocket upgrade (101 when it accepts). */
function upgradeStatus(baseUrl: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`);
    socket.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      response.resume();
      socket.terminate();
    });
    socket.on('open', () => {
      resolve(101);
      socket.close();
    });
    socket.on('error', (error) => reject(error));
  });
}

async function timeline(user: { api: Api }): Promise<TimelineEvent[]> {
  return (await user.api.ok<{ events: TimelineEvent[] }>('GET', '/api/v1/sync?cursor=0&limit=1000')).events;
}

describe.each(engines)('accounts on %s', (engine) => {
  const clock = new ManualClock();
  let server: TestServer;
  let anonymous: Api;
  beforeAll(async () => {
    server = await startTestServer(
      engine,
      { TESSERA_LOGIN_MAX_FAILURES: '3', TESSERA_LOGIN_LOCKOUT_SECONDS: '60', TESSERA_LOGIN_RATE_PER_MINUTE: '10000' },
      { clock },
    );
    anonymous = new Api(server.url);
  });
  afterAll(async () => server?.close());

  const login = (loginName: string, secret = password, deviceName = 'laptop') =>
    anonymous.call<{ token: string; session: Session; profile: SelfProfile; error?: { code: string } }>(
      'POST',
      '/api/v1/sessions',
      { login: loginName, password: secret, deviceName },
    );

  describe('registration', () => {
    it('registers, signs the new device in and returns the profile', async () => {
      const handle = uniqueHandle('Reg');
      const phone = uniquePhone();
      const response = await anonymous.call<{ token: string; session: Session; profile: SelfProfile }>('POST', '/api/v1/accounts', {
        handle,
        password,
        phone,
        nickname: '小明',
        deviceName: 'phone',
      });
      expect(response.status).toBe(201);
      expect(response.body.profile).toMatchObject({ handle, phone, nickname: '小明', bio: '', region: '', avatarMediaId: null });
      expect(response.body.session).toMatchObject({ deviceName: 'phone', current: true });
      const me = await new Api(server.url, response.body.token).ok<SelfProfile>('GET', '/api/v1/me');
      expect(me).toEqual(response.body.profile);
    });

    it('defaults the nickname to the Tessera ID', async () => {
      const handle = uniqueHandle();
      const { profile } = await anonymous.ok<{ profile: SelfProfile }>('POST', '/api/v1/accounts', { handle, password });
      expect(profile.nickname).toBe(handle);
      expect(profile.phone).toBeNull();
    });

    it.each([
      ['too short', 'abcde'],
      ['too long', 'a'.repeat(21)],
      ['starting with a digit', '1abcdef'],
      ['starting with an underscore', '_abcdef'],
      ['with a space', 'abc def'],
      ['with a dot', 'abc.def'],
      ['with a plus (phone-like)', '+abcdef'],
      ['non-ASCII', 'zhāngwěi'],
    ])('refuses a Tessera ID %s', async (_, handle) => {
      const response = await anonymous.call('POST', '/api/v1/accounts', { handle, password });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: { code: 'validation_failed' } });
    });

    it('accepts Tessera IDs of 6 and 20 characters with digits, _ and -', async () => {
      for (const handle of [`a${uniqueHandle().slice(-5)}`, `Z-${uniqueHandle().slice(-8)}_9a0b1c2d3`.slice(0, 20)]) {
        const response = await anonymous.call('POST', '/api/v1/accounts', { handle, password });
        expect(response.status, handle).toBe(201);
      }
    });

    it('refuses short passwords and malformed phone numbers', async () => {
      const short = await anonymous.call('POST', '/api/v1/accounts', { handle: uniqueHandle(), password: 'seven77' });
      expect(short.body).toMatchObject({ error: { code: 'validation_failed' } });
      const badPhone = await anonymous.call('POST', '/api/v1/accounts', { handle: uniqueHandle(), password, phone: '13800138000' });
      expect(badPhone.body).toMatchObject({ error: { code: 'validation_failed' } });
    });

    it('keeps Tessera IDs unique regardless of case', async () => {
      const handle = uniqueHandle('Mixed');
      await anonymous.ok('POST', '/api/v1/accounts', { handle, password });
      for (const variant of [handle, handle.toLowerCase(), handle.toUpperCase()]) {
        const response = await anonymous.call('POST', '/api/v1/accounts', { handle: variant, password });
        expect(response.status).toBe(409);
        expect(response.body).toMatchObject({ error: { code: 'handle_taken' } });
      }
    });

    it('keeps phone numbers unique', async () => {
      const phone = uniquePhone();
      await anonymous.ok('POST', '/api/v1/accounts', { handle: uniqueHandle(), password, phone });
      const response = await anonymous.call('POST', '/api/v1/accounts', { handle: uniqueHandle(), password, phone });
      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ error: { code: 'phone_taken' } });
    });

    it('lets exactly one of two concurrent registrations of a Tessera ID succeed', async () => {
      for (let round = 0; round < 3; round++) {
        const handle = uniqueHandle('race');
        const results = await Promise.all([
          anonymous.call('POST', '/api/v1/accounts', { handle, password }),
          anonymous.call('POST', '/api/v1/accounts', { handle: handle.toUpperCase(), password }),
        ]);
        expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
        expect(results.find((result) => result.status === 409)!.body).toMatchObject({ error: { code: 'handle_taken' } });
      }
    });

    it('lets exactly one of two concurrent registrations of a phone number succeed', async () => {
      const phone = uniquePhone();
      const results = await Promise.all([
        anonymous.call('POST', '/api/v1/accounts', { handle: uniqueHandle(), password, phone }),
        anonymous.call('POST', '/api/v1/accounts', { handle: uniqueHandle(), password, phone }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
      expect(results.find((result) => result.status === 409)!.body).toMatchObject({ error: { code: 'phone_taken' } });
    });

    it('stores scrypt hashes of passwords and only hashes of session tokens', async () => {
      const user = await makeUser(server.url);
      const row = await server.app.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$\d+\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(row.password_hash).not.toContain(user.password);
      const sessions = await server.app.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      expect(sessions).toHaveLength(1);
      expect(sessions[0]!.token_hash).not.toBe(user.token);
      expect(sessions[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });

  describe('sign-in', () => {
    it('signs in by Tessera ID in any case, and by phone number', async () => {
      const phone = uniquePhone();
      const user = await makeUser(server.url, { phone, handle: uniqueHandle('Sign') });
      const byHandle = await login(user.handle.toUpperCase());
      expect(byHandle.status).toBe(200);
      expect(byHandle.body.profile.id).toBe(user.id);
      expect(byHandle.body.session).toMatchObject({ deviceName: 'laptop', current: true });
      const byPhone = await login(phone, password, 'tablet');
      expect(byPhone.body.profile.id).toBe(user.id);
      const me = await new Api(server.url, byPhone.body.token).ok<SelfProfile>('GET', '/api/v1/me');
      expect(me.id).toBe(user.id);
    });

    it('answers invalid_credentials for a wrong password or an unknown login, alike', async () => {
      const user = await makeUser(server.url, { phone: uniquePhone() });
      for (const response of [await login(user.handle, 'wrong password'), await login('nobody_here_at_all'), await login('+8613000000000')]) {
        expect(response.status).toBe(401);
        expect(response.body).toMatchObject({ error: { code: 'invalid_credentials' } });
      }
    });

    it('locks the account after the configured failures until the lockout passes', async () => {
      const user = await makeUser(server.url);
      expect((await login(user.handle, 'wrong 1')).body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect((await login(user.handle, 'wrong 2')).body).toMatchObject({ error: { code: 'invalid_credentials' } });
      const third = await login(user.handle, 'wrong 3');
      expect(third.status).toBe(423);
      expect(third.body).toMatchObject({
        error: { code: 'account_locked', details: { lockedUntil: new Date(clock.now() + 60_000).toISOString() } },
      });
      // Even the right password is refused while locked.
      expect((await login(user.handle)).body).toMatchObject({ error: { code: 'account_locked' } });
      clock.advance(59_999);
      expect((await login(user.handle)).body).toMatchObject({ error: { code: 'account_locked' } });
      clock.advance(1);
      expect((await login(user.handle)).status).toBe(200);
    });

    it('locks again after a lockout has passed', async () => {
      const user = await makeUser(server.url);
      for (const attempt of [1, 2, 3]) await login(user.handle, `wrong ${attempt}`);
      clock.advance(60_000);
      expect((await login(user.handle, 'wrong 4')).body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect((await login(user.handle, 'wrong 5')).body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect((await login(user.handle, 'wrong 6')).body).toMatchObject({ error: { code: 'account_locked' } });
      expect((await login(user.handle)).body).toMatchObject({ error: { code: 'account_locked' } });
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      const user = await makeUser(server.url);
      await login(user.handle, 'wrong 1');
      await login(user.handle, 'wrong 2');
      expect((await login(user.handle)).status).toBe(200);
      await login(user.handle, 'wrong 3');
      await login(user.handle, 'wrong 4');
      expect((await login(user.handle)).status).toBe(200);
    });

    it('counts every concurrent failure towards the lockout', async () => {
      const user = await makeUser(server.url);
      const attempts = await Promise.all([1, 2, 3, 4, 5, 6].map((attempt) => login(user.handle, `wrong ${attempt}`)));
      expect(attempts.some((attempt) => attempt.body.error?.code === 'account_locked')).toBe(true);
      expect((await login(user.handle)).body).toMatchObject({ error: { code: 'account_locked' } });
    });

    it('refuses requests without a valid token with 401 unauthenticated', async () => {
      for (const api of [anonymous, anonymous.withToken('not-a-real-token')]) {
        for (const [method, path] of [
          ['GET', '/api/v1/me'],
          ['PATCH', '/api/v1/me'],
          ['GET', '/api/v1/sessions'],
          ['DELETE', '/api/v1/sessions'],
          ['POST', '/api/v1/me/password'],
        ] as const) {
          const response = await api.call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
          expect(response.status, `${method} ${path}`).toBe(401);
          expect(response.body, `${method} ${path}`).toMatchObject({ error: { code: 'unauthenticated' } });
        }
      }
    });

    it('refuses a WebSocket without a valid token', async () => {
      expect(await upgradeStatus(server.url, 'not-a-real-token')).toBe(401);
    });
  });

  describe('sessions', () => {
    it('lists the devices, marking the current one, and renames them', async () => {
      const user = await makeUser(server.url);
      const laptop = await login(user.handle, password, 'laptop');
      const { sessions } = await user.api.ok<{ sessions: Session[] }>('GET', '/api/v1/sessions');
      expect(sessions.map((session) => session.deviceName).sort()).toEqual(['laptop', 'test']);
      expect(sessions.filter((session) => session.current).map((session) => session.deviceName)).toEqual(['test']);
      const renamed = await user.api.call('PATCH', `/api/v1/sessions/${laptop.body.session.id}`, { deviceName: 'Work laptop' });
      expect(renamed.status).toBe(204);
      const fromLaptop = await new Api(server.url, laptop.body.token).ok<{ sessions: Session[] }>('GET', '/api/v1/sessions');
      expect(fromLaptop.sessions.find((session) => session.current)).toMatchObject({ id: laptop.body.session.id, deviceName: 'Work laptop' });
    });

    it('records when each device was last active', async () => {
      const user = await makeUser(server.url);
      const laptop = await login(user.handle, password, 'laptop');
      clock.advance(5 * 60_000);
      await new Api(server.url, laptop.body.token).ok('GET', '/api/v1/me');
      const { sessions } = await user.api.ok<{ sessions: Session[] }>('GET', '/api/v1/sessions');
      const byName = new Map(sessions.map((session) => [session.deviceName, session]));
      expect(byName.get('laptop')!.lastSeenAt).toBe(new Date(clock.now()).toISOString());
      expect(byName.get('laptop')!.createdAt).toBe(new Date(clock.now() - 5 * 60_000).toISOString());
    });

    it("cannot rename or revoke another user's session", async () => {
      const user = await makeUser(server.url);
      const other = await login((await makeUser(server.url)).handle);
      const rename = await user.api.call('PATCH', `/api/v1/sessions/${other.body.session.id}`, { deviceName: 'mine now' });
      expect(rename.status).toBe(404);
      const revoke = await user.api.call('DELETE', `/api/v1/sessions/${other.body.session.id}`);
      expect(revoke.status).toBe(404);
      expect((await new Api(server.url, other.body.token).call('GET', '/api/v1/me')).status).toBe(200);
    });

    it('revokes one session: its token stops working and its open socket is closed with 4001', async () => {
      const user = await makeUser(server.url);
      const tablet = await login(user.handle, password, 'tablet');
      const tabletApi = new Api(server.url, tablet.body.token);
      const tabletWs = await WsClient.connect(server.url, tablet.body.token);
      const phoneWs = await WsClient.connect(server.url, user.token);
      const closing = closed(tabletWs);
      expect((await user.api.call('DELETE', `/api/v1/sessions/${tablet.body.session.id}`)).status).toBe(204);
      expect(await closing).toBe(4001);
      const after = await tabletApi.call('GET', '/api/v1/me');
      expect(after.status).toBe(401);
      expect(after.body).toMatchObject({ error: { code: 'session_revoked' } });
      expect(await upgradeStatus(server.url, tablet.body.token)).toBe(401);
      // The other device carries on.
      expect(await phoneWs.request({ type: 'ping' })).toMatchObject({ type: 'pong' });
      expect((await user.api.call('GET', '/api/v1/me')).status).toBe(200);
      const { sessions } = await user.api.ok<{ sessions: Session[] }>('GET', '/api/v1/sessions');
      expect(sessions.map((session) => session.id)).not.toContain(tablet.body.session.id);
      expect((await user.api.call('DELETE', `/api/v1/sessions/${tablet.body.session.id}`)).status).toBe(404);
      await phoneWs.close();
    });

    it('signs out the current device', async () => {
      const user = await makeUser(server.url);
      expect((await user.api.call('DELETE', '/api/v1/sessions/current')).status).toBe(204);
      expect((await user.api.call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'session_revoked' } });
    });

    it('logs out everywhere, including this device', async () => {
      const user = await makeUser(server.url);
      const other = await login(user.handle, password, 'tablet');
      const otherWs = await WsClient.connect(server.url, other.body.token);
      const ownWs = await WsClient.connect(server.url, user.token);
      const closings = [closed(otherWs), closed(ownWs)];
      expect(await user.api.ok('DELETE', '/api/v1/sessions')).toEqual({ revoked: 2 });
      expect(await Promise.all(closings)).toEqual([4001, 4001]);
      for (const token of [user.token, other.body.token]) {
        expect((await new Api(server.url, token).call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'session_revoked' } });
      }
    });

    it('logs out everywhere else with keepCurrent=true', async () => {
      const user = await makeUser(server.url);
      const others = [await login(user.handle, password, 'tablet'), await login(user.handle, password, 'desk')];
      expect(await user.api.ok('DELETE', '/api/v1/sessions?keepCurrent=true')).toEqual({ revoked: 2 });
      for (const other of others) {
        expect((await new Api(server.url, other.body.token).call('GET', '/api/v1/me')).body).toMatchObject({
          error: { code: 'session_revoked' },
        });
      }
      const { sessions } = await user.api.ok<{ sessions: Session[] }>('GET', '/api/v1/sessions');
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ current: true, deviceName: 'test' });
    });

    it('ends sessions when they expire', async () => {
      const user = await makeUser(server.url);
      clock.advance(90 * 86_400_000);
      expect((await user.api.call('GET', '/api/v1/me')).body).toMatchObject({ error: { code: 'session_revoked' } });
    });
  });

  describe('password change', () => {
    it('requires the current password', async () => {
      const user = await makeUser(server.url);
      const response = await user.api.call('POST', '/api/v1/me/password', { currentPassword: 'not my password', newPassword: 'a brand new secret' });
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect((await login(user.handle)).status).toBe(200);
      expect((await user.api.call('GET', '/api/v1/me')).status).toBe(200);
    });

    it('changes the password and signs out every other device', async () => {
      const user = await makeUser(server.url);
      const other = await login(user.handle, password, 'tablet');
      const otherWs = await WsClient.connect(server.url, other.body.token);
      const closing = closed(otherWs);
      const before = await server.app.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      const response = await user.api.call('POST', '/api/v1/me/password', { currentPassword: password, newPassword: 'a brand new secret' });
      expect(response.status).toBe(204);
      expect(await closing).toBe(4001);
      expect((await new Api(server.url, other.body.token).call('GET', '/api/v1/me')).body).toMatchObject({
        error: { code: 'session_revoked' },
      });
      expect((await user.api.call('GET', '/api/v1/me')).status).toBe(200);
      expect((await login(user.handle)).body).toMatchObject({ error: { code: 'invalid_credentials' } });
      expect((await login(user.handle, 'a brand new secret')).status).toBe(200);
      const after = await server.app.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(after.password_hash).not.toBe(before.password_hash);
      expect(after.password_hash).toMatch(/^scrypt\$/);
      expect(after.password_hash).not.toContain('a brand new secret');
    });

    it('refuses a new password that is too short', async () => {
      const user = await makeUser(server.url);
      const response = await user.api.call('POST', '/api/v1/me/password', { currentPassword: password, newPassword: 'short' });
      expect(response.body).toMatchObject({ error: { code: 'validation_failed' } });
    });
  });

  describe('profile', () => {
    it('updates nickname, bio, region and avatar, and clears the avatar', async () => {
      const user = await makeUser(server.url);
      const avatar = await uploadImage(user);
      const updated = await user.api.ok<SelfProfile>('PATCH', '/api/v1/me', {
        nickname: 'Ada 🌟',
        bio: 'Counting things',
        region: 'London',
        avatarMediaId: avatar,
      });
      expect(updated).toMatchObject({ nickname: 'Ada 🌟', bio: 'Counting things', region: 'London', avatarMediaId: avatar });
      const unknown = await user.api.call('PATCH', '/api/v1/me', { avatarMediaId: 'f'.repeat(64) });
      expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'media_not_found' } } });
      const partial = await user.api.ok<SelfProfile>('PATCH', '/api/v1/me', { avatarMediaId: null });
      expect(partial).toMatchObject({ nickname: 'Ada 🌟', bio: 'Counting things', region: 'London', avatarMediaId: null });
      expect(await user.api.ok('GET', '/api/v1/me')).toEqual(partial);
    });

    it('refuses invalid profile fields', async () => {
      const user = await makeUser(server.url);
      for (const body of [{ nickname: '' }, { nickname: 'x'.repeat(33) }, { bio: 'x'.repeat(201) }, { region: 'x'.repeat(65) }]) {
        expect((await user.api.call('PATCH', '/api/v1/me', body)).body).toMatchObject({ error: { code: 'validation_failed' } });
      }
    });

    it("tells the user's other devices and contacts of a change, but not contacts the user blocked", async () => {
      const user = await makeUser(server.url);
      const friend = await makeUser(server.url);
      const blockedFriend = await makeUser(server.url);
      await makeContacts(user, friend);
      await makeContacts(user, blockedFriend);
      await user.api.ok('PUT', `/api/v1/blocks/${blockedFriend.id}`);
      const otherDevice = await login(user.handle, password, 'tablet');
      const otherWs = await WsClient.connect(server.url, otherDevice.body.token);
      await otherWs.request({ type: 'sync', cursor: 0 });
      const friendWs = await WsClient.connect(server.url, friend.token);
      await friendWs.request({ type: 'sync', cursor: 0 });
      const blockedBefore = (await timeline(blockedFriend)).length;

      await user.api.ok('PATCH', '/api/v1/me', { nickname: 'New name', bio: 'New bio' });

      const own = await otherWs.event((event) => event.kind === 'profile.updated');
      expect(own.kind === 'profile.updated' && own.profile).toMatchObject({ id: user.id, nickname: 'New name', bio: 'New bio' });
      const seen = await friendWs.event((event) => event.kind === 'contact.updated' && event.contact.userId === user.id && event.contact.profile.nickname === 'New name');
      expect(seen.kind === 'contact.updated' && seen.contact.profile).toMatchObject({ bio: 'New bio' });
      const blockedAfter = await timeline(blockedFriend);
      expect(blockedAfter.slice(blockedBefore).filter((event) => event.kind === 'contact.updated')).toEqual([]);
      const { contacts } = await blockedFriend.api.ok<{ contacts: { userId: string; profile: Profile }[] }>('GET', '/api/v1/contacts');
      expect(contacts.find((contact) => contact.userId === user.id)?.profile.bio).toBe('');
      await otherWs.close();
      await friendWs.close();
    });
  });
});

describe.each(engines)('login rate limit on %s', (engine) => {
  const clock = new ManualClock();
  let server: TestServer;
  let users: TestUser[];
  beforeAll(async () => {
    server = await startTestServer(engine, { TESSERA_LOGIN_RATE_PER_MINUTE: '3' }, { clock });
    users = [];
    for (let index = 0; index < 3; index++) users.push(await makeUser(server.url));
    // Registrations count against the same address; start the test with a full bucket.
    clock.advance(60_000);
  });
  afterAll(async () => server?.close());

  it('refuses sign-ins from one address beyond the per-minute rate with 429 rate_limited', async () => {
    const api = new Api(server.url);
    const attempt = (user: TestUser, secret = user.password) =>
      api.call('POST', '/api/v1/sessions', { login: user.handle, password: secret });
    expect((await attempt(users[0]!)).status).toBe(200);
    expect((await attempt(users[1]!, 'wrong password')).status).toBe(401);
    expect((await attempt(users[2]!)).status).toBe(200);
    // A different account from the same address is limited all the same.
    const limited = await attempt(users[0]!);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
    const register = await api.call('POST', '/api/v1/accounts', { handle: uniqueHandle(), password });
    expect(register.body).toMatchObject({ error: { code: 'rate_limited' } });
    // The bucket refills evenly: one sign-in back after a third of a minute.
    clock.advance(20_000);
    expect((await attempt(users[1]!)).status).toBe(200);
    expect((await attempt(users[2]!)).status).toBe(429);
  });
});
