import type {
  LoginRequest,
  Profile,
  RegisterRequest,
  SelfProfile,
  Session,
  UpdateProfileRequest,
} from '@tessera/protocol';
import type { Bus } from '../../platform/bus';
import type { Clock, Ids } from '../../platform/clock';
import { hashSecret, verifySecret } from '../../platform/passwords';
import type { RateLimit } from '../../platform/rate-limit';
import { hashToken } from '../../platform/tokens';
import type { Executor } from '../sync';
import { accountErrors } from './accounts.errors';
import type { AccountsRepository, SessionRow, UserRow } from './accounts.repository';

export interface AccountsSettings {
  sessionTtlMs: number;
  loginMaxFailures: number;
  loginLockoutMs: number;
  /** log2 of scrypt's N. */
  scryptCost: number;
}

/** Who is making a request: established from a session token. */
export interface Auth {
  userId: string;
  sessionId: string;
}

export interface SignedIn {
  token: string;
  session: Session;
  profile: SelfProfile;
}

export function profileOf(row: UserRow): Profile {
  return {
    id: row.id,
    handle: row.handle,
    nickname: row.nickname,
    avatarMediaId: row.avatar_media_id,
    bio: row.bio,
    region: row.region,
  };
}

function selfProfileOf(row: UserRow): SelfProfile {
  return { ...profileOf(row), phone: row.phone, createdAt: new Date(row.created_at).toISOString() };
}

function sessionOf(row: SessionRow, currentId?: string): Session {
  return {
    id: row.id,
    deviceName: row.device_name,
    createdAt: new Date(row.created_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    current: row.id === currentId,
  };
}

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${(error as { code?: string }).code ?? ''} ${error.message}` : '';
  return /UNIQUE|23505|unique/.test(text);
}

/** Registration, sign-in, device sessions, profile and password. */
export class AccountsService {
  /** Called after a profile changes, so contacts can learn of it. */
  onProfileChanged: (userId: string) => Promise<void> = async () => {};
  /**
   * Called before a new avatar is saved: makes the media visible to everyone who sees the profile,
   * or throws when the user may not use it.
   */
  publishAvatar: (userId: string, mediaId: string) => Promise<void> = async () => {};
  /** Called in the transaction that creates an account, to give it what every user has (its service conversation). */
  onRegistered: (db: Executor, userId: string) => Promise<void> = async () => {};

  constructor(
    private readonly repository: AccountsRepository,
    private readonly bus: Bus,
    private readonly clock: Clock,
    private readonly ids: Ids,
    private readonly loginLimiter: RateLimit,
    private readonly settings: AccountsSettings,
  ) {}

  async register(request: RegisterRequest, ip: string): Promise<SignedIn> {
    if (!(await this.loginLimiter.take(`ip:${ip}`))) throw accountErrors.rateLimited();
    if (await this.repository.findByHandle(request.handle)) throw accountErrors.handleTaken();
    if (request.phone && (await this.repository.findByPhone(request.phone))) throw accountErrors.phoneTaken();
    const now = this.clock.now();
    const user: UserRow = {
      id: this.ids.next(),
      handle: request.handle,
      handle_lower: request.handle.toLowerCase(),
      phone: request.phone ?? null,
      password_hash: await hashSecret(request.password, { N: 2 ** this.settings.scryptCost }),
      nickname: request.nickname ?? request.handle,
      avatar_media_id: null,
      bio: '',
      region: '',
      timeline_seq: 0,
      failed_logins: 0,
      locked_until: null,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.repository.inTransaction(async (db) => {
        await this.repository.insertUser(user, db);
        await this.onRegistered(db, user.id);
      });
    } catch (error) {
      // Two registrations raced for the same handle or phone; the database kept one.
      if (isUniqueViolation(error)) {
        throw (await this.repository.findByHandle(request.handle)) ? accountErrors.handleTaken() : accountErrors.phoneTaken();
      }
      throw error;
    }
    return this.openSession(user, request.deviceName);
  }

  async login(request: LoginRequest, ip: string): Promise<SignedIn> {
    if (!(await this.loginLimiter.take(`ip:${ip}`)) || !(await this.loginLimiter.take(`login:${request.login.toLowerCase()}`))) {
      throw accountErrors.rateLimited();
    }
    const user = request.login.startsWith('+')
      ? await this.repository.findByPhone(request.login)
      : await this.repository.findByHandle(request.login);
    const now = this.clock.now();
    if (!user) {
      // Spend the same time as a real check so response times do not reveal which IDs exist.
      await verifySecret(request.password, await this.dummyHash());
      throw accountErrors.invalidCredentials();
    }
    if (user.locked_until !== null && user.locked_until > now) throw accountErrors.locked(user.locked_until);
    if (!(await verifySecret(request.password, user.password_hash))) {
      // The count comes from the database, not from the row read above, so racing attempts all count.
      const failures = await this.repository.recordFailedLogin(user.id, now);
      if (failures >= this.settings.loginMaxFailures) {
        const lockedUntil = now + this.settings.loginLockoutMs;
        await this.repository.lock(user.id, lockedUntil);
        throw accountErrors.locked(lockedUntil);
      }
      throw accountErrors.invalidCredentials();
    }
    if (user.failed_logins !== 0 || user.locked_until !== null) {
      await this.repository.updateUser(user.id, { failed_logins: 0, locked_until: null });
    }
    return this.openSession(user, request.deviceName);
  }

  /** Resolves a bearer token to its session, or throws. */
  async authenticate(token: string | undefined): Promise<Auth> {
    if (!token) throw accountErrors.unauthenticated();
    const session = await this.repository.findSessionByTokenHash(hashToken(token));
    const now = this.clock.now();
    if (!session) throw accountErrors.unauthenticated();
    if (session.revoked_at !== null || session.expires_at <= now) throw accountErrors.sessionRevoked();
    // Recording activity once a minute is enough for the device list.
    if (now - session.last_seen_at > 60_000) await this.repository.touchSession(session.id, now);
    return { userId: session.user_id, sessionId: session.id };
  }

  async listSessions(auth: Auth): Promise<Session[]> {
    const rows = await this.repository.listActiveSessions(auth.userId, this.clock.now());
    return rows.map((row) => sessionOf(row, auth.sessionId));
  }

  async renameSession(auth: Auth, sessionId: string, deviceName: string): Promise<void> {
    if (!(await this.repository.renameSession(auth.userId, sessionId, deviceName))) throw accountErrors.sessionNotFound();
  }

  async revokeSession(auth: Auth, sessionId: string): Promise<void> {
    const revoked = await this.repository.revokeSessions(auth.userId, this.clock.now(), sessionId);
    if (revoked.length === 0) throw accountErrors.sessionNotFound();
    this.announceRevoked(auth.userId, revoked);
  }

  /** Signs out every device, or every device but the current one. */
  async revokeAll(auth: Auth, keepCurrent: boolean): Promise<number> {
    const revoked = await this.repository.revokeSessions(
      auth.userId,
      this.clock.now(),
      undefined,
      keepCurrent ? auth.sessionId : undefined,
    );
    this.announceRevoked(auth.userId, revoked);
    return revoked.length;
  }

  async me(auth: Auth): Promise<SelfProfile> {
    const user = await this.repository.findById(auth.userId);
    if (!user) throw accountErrors.userNotFound();
    return selfProfileOf(user);
  }

  async updateProfile(auth: Auth, changes: UpdateProfileRequest): Promise<SelfProfile> {
    const update: Partial<UserRow> = { updated_at: this.clock.now() };
    if (changes.nickname !== undefined) update.nickname = changes.nickname;
    if (changes.avatarMediaId !== undefined) update.avatar_media_id = changes.avatarMediaId;
    if (changes.avatarMediaId) await this.publishAvatar(auth.userId, changes.avatarMediaId);
    if (changes.bio !== undefined) update.bio = changes.bio;
    if (changes.region !== undefined) update.region = changes.region;
    // Nothing to change: no write, and no events to every contact's devices.
    if (Object.keys(update).length === 1) return this.me(auth);
    await this.repository.updateUser(auth.userId, update);
    await this.onProfileChanged(auth.userId);
    return this.me(auth);
  }

  /** Changes the password and signs out every other device. */
  async changePassword(auth: Auth, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.repository.findById(auth.userId);
    if (!user) throw accountErrors.userNotFound();
    if (!(await this.loginLimiter.take(`login:${user.handle_lower}`))) throw accountErrors.rateLimited();
    if (!(await verifySecret(currentPassword, user.password_hash))) throw accountErrors.invalidCredentials();
    const hash = await hashSecret(newPassword, { N: 2 ** this.settings.scryptCost });
    await this.repository.updateUser(auth.userId, { password_hash: hash, updated_at: this.clock.now() });
    await this.revokeAll(auth, true);
  }

  /** Whether `password` is the user's login password (rate limited like a sign-in); for confirming sensitive changes. */
  async checkPassword(userId: string, password: string): Promise<boolean> {
    const user = await this.repository.findById(userId);
    if (!user) throw accountErrors.userNotFound();
    if (!(await this.loginLimiter.take(`login:${user.handle_lower}`))) throw accountErrors.rateLimited();
    return verifySecret(password, user.password_hash);
  }

  findUser(userId: string, db?: Executor): Promise<UserRow | undefined> {
    return this.repository.findById(userId, db);
  }

  findUsers(userIds: string[], db?: Executor): Promise<UserRow[]> {
    return this.repository.findByIds(userIds, db);
  }

  /**
   * Serialises transactions that change what is between these users (friend requests, contacts):
   * holds their rows until `db`'s transaction ends. Returns how many of them exist.
   */
  lockUsers(userIds: string[], db: Executor): Promise<number> {
    return this.repository.lockUsers(userIds, db);
  }

  /** Exact lookup by Tessera ID or phone number, as WeChat's "add contact" does. */
  async findByLogin(query: string): Promise<UserRow | undefined> {
    return query.startsWith('+') ? this.repository.findByPhone(query) : this.repository.findByHandle(query);
  }

  private async openSession(user: UserRow, deviceName: string | undefined): Promise<SignedIn> {
    const now = this.clock.now();
    const token = this.ids.secret(32);
    const session: SessionRow = {
      id: this.ids.next(),
      user_id: user.id,
      token_hash: hashToken(token),
      device_name: deviceName ?? 'Unknown device',
      created_at: now,
      last_seen_at: now,
      expires_at: now + this.settings.sessionTtlMs,
      revoked_at: null,
    };
    await this.repository.insertSession(session);
    return { token, session: sessionOf(session, session.id), profile: selfProfileOf(user) };
  }

  private announceRevoked(userId: string, sessionIds: string[]): void {
    for (const sessionId of sessionIds) this.bus.publish(userId, { type: 'session_revoked', sessionId });
  }

  private dummy: Promise<string> | undefined;
  private dummyHash(): Promise<string> {
    this.dummy ??= hashSecret('not a real password', { N: 2 ** this.settings.scryptCost });
    return this.dummy;
  }
}
