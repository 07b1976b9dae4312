import type { Contact, FriendRequest, Profile } from '@tessera/protocol';
import type { Clock, Ids } from '../../platform/clock';
import type { AppError } from '../../platform/errors';
import type { Database } from '../../platform/db/database';
import { profileOf, type AccountsService, type Auth, type UserRow } from '../accounts';
import type { ConversationService, MessageService } from '../messaging';
import type { Executor, TimelineService, TimelineWriter } from '../sync';
import { contactErrors } from './contacts.errors';
import { contactsRepository, type ContactRow, type FriendRequestRow } from './contacts.repository';

/** What a user who was blocked still sees of the person who blocked them. */
function limitedProfile(profile: Profile): Profile {
  return { ...profile, avatarMediaId: null, bio: '', region: '' };
}

/** Finding people, friend requests, contacts, remarks and blocks. */
export class ContactsService {
  constructor(
    private readonly db: Database,
    private readonly timeline: TimelineService,
    private readonly accounts: AccountsService,
    private readonly conversations: ConversationService,
    private readonly messages: MessageService,
    private readonly clock: Clock,
    private readonly ids: Ids,
  ) {}

  /** Exact lookup by Tessera ID or phone number. */
  async search(auth: Auth, query: string): Promise<Profile> {
    const user = await this.accounts.findByLogin(query);
    if (!user) throw contactErrors.userNotFound();
    return this.profileFor(this.db, auth.userId, user);
  }

  async profile(auth: Auth, userId: string): Promise<Profile> {
    const user = await this.accounts.findUser(userId);
    if (!user) throw contactErrors.userNotFound();
    return this.profileFor(this.db, auth.userId, user);
  }

  async list(auth: Auth): Promise<Contact[]> {
    const rows = await contactsRepository.listContacts(this.db, auth.userId);
    return this.present(this.db, auth.userId, rows);
  }

  async listRequests(auth: Auth): Promise<FriendRequest[]> {
    const rows = await contactsRepository.listRequests(this.db, auth.userId, 200);
    return Promise.all(rows.map((row) => this.requestView(this.db, auth.userId, row)));
  }

  async listBlocked(auth: Auth): Promise<string[]> {
    return contactsRepository.blockedBy(this.db, auth.userId);
  }

  /** Sends a friend request; if the other person already asked, this accepts theirs. */
  async sendRequest(auth: Auth, toUserId: string, greeting: string): Promise<FriendRequest> {
    if (toUserId === auth.userId) throw contactErrors.self();
    return this.timeline.write(async (writer) => {
      const db = writer.db;
      // Without the lock, crossing or repeated requests racing on PostgreSQL each saw no pending
      // request and left two behind instead of accepting or updating one.
      if ((await this.accounts.lockUsers([auth.userId, toUserId], db)) < 2) throw contactErrors.userNotFound();
      if (await contactsRepository.isBlocked(db, toUserId, auth.userId)) throw contactErrors.blocked();
      const mine = await contactsRepository.findContact(db, auth.userId, toUserId);
      const theirs = await contactsRepository.findContact(db, toUserId, auth.userId);
      if (mine && theirs) throw contactErrors.alreadyContacts();
      const reverse = await contactsRepository.findPendingBetween(db, toUserId, auth.userId);
      if (reverse) return this.accept(writer, auth.userId, reverse);
      const now = this.clock.now();
      const existing = await contactsRepository.findPendingBetween(db, auth.userId, toUserId);
      let row: FriendRequestRow;
      if (existing) {
        await contactsRepository.updateRequest(db, existing.id, 'pending', greeting, now);
        row = { ...existing, greeting, updated_at: now };
      } else {
        row = { id: this.ids.next(), from_user_id: auth.userId, to_user_id: toUserId, greeting, status: 'pending', created_at: now, updated_at: now };
        await contactsRepository.insertRequest(db, row);
      }
      await this.announceRequest(writer, row);
      return this.requestView(db, auth.userId, row);
    });
  }

  async answerRequest(auth: Auth, requestId: string, accept: boolean): Promise<FriendRequest> {
    return this.timeline.write(async (writer) => {
      const row = await contactsRepository.findRequest(writer.db, requestId);
      if (!row || row.to_user_id !== auth.userId) throw contactErrors.requestNotFound();
      if (row.status !== 'pending') throw contactErrors.requestNotPending();
      if (accept) return this.accept(writer, auth.userId, row);
      const now = this.clock.now();
      if (!(await contactsRepository.updateRequest(writer.db, row.id, 'declined', undefined, now))) throw contactErrors.requestNotPending();
      const declined = { ...row, status: 'declined' as const, updated_at: now };
      await this.announceRequest(writer, declined);
      return this.requestView(writer.db, auth.userId, declined);
    });
  }

  async setRemark(auth: Auth, contactId: string, remark: string): Promise<Contact> {
    return this.timeline.write(async (writer) => {
      const row = await contactsRepository.findContact(writer.db, auth.userId, contactId);
      if (!row) throw contactErrors.contactNotFound();
      await contactsRepository.updateRemark(writer.db, auth.userId, contactId, remark);
      const [contact] = await this.present(writer.db, auth.userId, [{ ...row, remark }]);
      writer.add(auth.userId, { kind: 'contact.updated', contact: contact! });
      return contact!;
    });
  }

  /** Removes the person from the user's contacts; as in WeChat, neither can message the other until re-added. */
  async remove(auth: Auth, contactId: string): Promise<void> {
    await this.timeline.write(async (writer) => {
      if (!(await contactsRepository.deleteContact(writer.db, auth.userId, contactId))) throw contactErrors.contactNotFound();
      writer.add(auth.userId, { kind: 'contact.removed', userId: contactId });
    });
  }

  /** Blocks or unblocks a user: a blocked user cannot message you or see your profile changes. */
  async setBlocked(auth: Auth, userId: string, blocked: boolean): Promise<void> {
    if (userId === auth.userId) throw contactErrors.self();
    await this.timeline.write(async (writer) => {
      if (!(await this.accounts.findUser(userId, writer.db))) throw contactErrors.userNotFound();
      if (blocked) await contactsRepository.insertBlock(writer.db, auth.userId, userId, this.clock.now());
      else await contactsRepository.deleteBlock(writer.db, auth.userId, userId);
      writer.add(auth.userId, { kind: 'block.updated', userId, blocked });
      if (!blocked) {
        // The unblocked user heard of no profile change while blocked; bring their devices up to date.
        const held = await contactsRepository.findContact(writer.db, userId, auth.userId);
        const [contact] = held ? await this.present(writer.db, userId, [held]) : [];
        if (contact) writer.add(userId, { kind: 'contact.updated', contact });
      }
    });
  }

  /**
   * The messaging rule for direct chats, for a batch of (sender, peer) pairs: both hold each other
   * as contacts and the peer has not blocked the sender. Returns the refused pairs with their error.
   */
  async directRefusals(db: Executor, pairs: { senderId: string; peerId: string }[]): Promise<Map<string, AppError>> {
    const refusals = new Map<string, AppError>();
    if (pairs.length === 0) return refusals;
    const users = [...new Set(pairs.flatMap((pair) => [pair.senderId, pair.peerId]))];
    const [contacts, blocks] = await Promise.all([
      contactsRepository.contactPairs(db, users, users),
      contactsRepository.blockPairs(db, users, users),
    ]);
    for (const { senderId, peerId } of pairs) {
      const key = `${senderId} ${peerId}`;
      if (blocks.has(`${peerId} ${senderId}`)) refusals.set(key, contactErrors.blocked());
      else if (!contacts.has(key) || !contacts.has(`${peerId} ${senderId}`)) refusals.set(key, contactErrors.notContacts());
    }
    return refusals;
  }

  /** Tells the user's own devices and contacts (except those the user blocked) of a profile change. */
  async broadcastProfile(userId: string): Promise<void> {
    await this.timeline.write(async (writer) => {
      const user = await this.accounts.findUser(userId, writer.db);
      if (!user) return;
      writer.add(userId, { kind: 'profile.updated', profile: profileOf(user) });
      const blocked = new Set(await contactsRepository.blockedBy(writer.db, userId));
      for (const row of await contactsRepository.holdersOf(writer.db, userId)) {
        if (!blocked.has(row.owner_id)) writer.add(row.owner_id, { kind: 'contact.updated', contact: this.contactView(row, user) });
      }
    });
  }

  private async accept(writer: TimelineWriter, accepterId: string, request: FriendRequestRow): Promise<FriendRequest> {
    const db = writer.db;
    const now = this.clock.now();
    if (!(await contactsRepository.updateRequest(db, request.id, 'accepted', undefined, now))) throw contactErrors.requestNotPending();
    const { from_user_id: from, to_user_id: to } = request;
    await contactsRepository.insertContact(db, { owner_id: from, contact_id: to, remark: '', created_at: now });
    await contactsRepository.insertContact(db, { owner_id: to, contact_id: from, remark: '', created_at: now });
    for (const [owner, other] of [[from, to], [to, from]] as const) {
      const [contact] = await this.present(db, owner, [(await contactsRepository.findContact(db, owner, other))!]);
      writer.add(owner, { kind: 'contact.updated', contact: contact! });
    }
    const conversation = await this.conversations.ensureDirect(writer, from, to);
    // The greeting opens the chat, as WeChat shows it, followed by a notice that they are now contacts.
    await this.messages.postSystem(writer, conversation.id, { notice: 'contact_added', actorId: accepterId, text: request.greeting });
    for (const userId of [from, to]) await this.conversations.announceTo(writer, userId, conversation.id);
    const accepted = { ...request, status: 'accepted' as const, updated_at: now };
    await this.announceRequest(writer, accepted);
    return this.requestView(db, accepterId, accepted);
  }

  private async announceRequest(writer: TimelineWriter, row: FriendRequestRow): Promise<void> {
    for (const userId of [row.from_user_id, row.to_user_id]) {
      writer.add(userId, { kind: 'friend_request.updated', request: await this.requestView(writer.db, userId, row) });
    }
  }

  private async requestView(db: Executor, viewerId: string, row: FriendRequestRow): Promise<FriendRequest> {
    const other = await this.accounts.findUser(row.from_user_id === viewerId ? row.to_user_id : row.from_user_id, db);
    if (!other) throw contactErrors.userNotFound();
    return {
      id: row.id,
      fromUserId: row.from_user_id,
      toUserId: row.to_user_id,
      greeting: row.greeting,
      status: row.status,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      from: await this.profileFor(db, viewerId, other),
    };
  }

  private async profileFor(db: Executor, viewerId: string, user: UserRow): Promise<Profile> {
    const profile = profileOf(user);
    return (await contactsRepository.isBlocked(db, user.id, viewerId)) ? limitedProfile(profile) : profile;
  }

  private async present(db: Executor, ownerId: string, rows: ContactRow[]): Promise<Contact[]> {
    const users = new Map((await this.accounts.findUsers(rows.map((row) => row.contact_id), db)).map((user) => [user.id, user]));
    const blockers = new Set(await contactsRepository.blockersOf(db, ownerId));
    return rows.flatMap((row) => {
      const user = users.get(row.contact_id);
      if (!user) return [];
      const contact = this.contactView(row, user);
      return [blockers.has(user.id) ? { ...contact, profile: limitedProfile(contact.profile) } : contact];
    });
  }

  private contactView(row: ContactRow, user: UserRow): Contact {
    return { userId: row.contact_id, remark: row.remark, profile: profileOf(user), since: new Date(row.created_at).toISOString() };
  }
}
