import type { Contact, FriendRequest, Profile, SelfProfile, UpdateProfileRequest } from '@tessera/protocol';
import type { ConversationDetail } from '../api/rest-client';
import type { TesseraClient } from './client';
import { withEntries } from './store';

/** Contacts, friend requests, blocks, profiles, groups and the user's own account. */
export class PeopleActions {
  private readonly fetching = new Set<string>();

  constructor(private readonly client: TesseraClient) {}

  private get store() {
    return this.client.store;
  }

  private get rest() {
    return this.client.rest;
  }

  /** Replaces contacts, requests, blocks and the own profile with the server's. */
  async refresh(): Promise<void> {
    const [{ contacts }, { requests }, { userIds }, self] = await Promise.all([
      this.rest.contacts(),
      this.rest.friendRequests(),
      this.rest.blocks(),
      this.rest.me(),
    ]);
    this.store.update((state) => ({
      contacts: new Map(contacts.map((contact) => [contact.userId, contact])),
      contactsLoaded: true,
      profiles: withEntries(state.profiles, contacts.map((contact) => [contact.userId, contact.profile])),
      requests: new Map(requests.map((request) => [request.id, request])),
      blocked: new Set(userIds),
      self,
    }));
    await this.client.cache?.replaceContacts(contacts);
    await this.client.cache?.write({ requests, blocked: userIds, self, profiles: contacts.map((contact) => contact.profile) });
  }

  /** Makes sure profiles of these users are known (group members who are not contacts). */
  async ensureProfiles(userIds: string[]): Promise<void> {
    const state = this.store.get();
    const missing = userIds.filter((id) => id !== this.client.userId && !state.profiles.has(id) && !this.fetching.has(id));
    if (missing.length === 0) return;
    for (const id of missing) this.fetching.add(id);
    const found = await Promise.all(missing.map((id) => this.rest.user(id).catch(() => null)));
    const profiles = found.filter((profile): profile is Profile => profile !== null);
    this.store.update((current) => ({ profiles: withEntries(current.profiles, profiles.map((profile) => [profile.id, profile])) }));
    await this.client.cache?.write({ profiles });
  }

  search(query: string): Promise<{ user: Profile }> {
    return this.rest.searchUser(query);
  }

  async sendFriendRequest(toUserId: string, greeting: string): Promise<FriendRequest> {
    const request = await this.rest.sendFriendRequest(toUserId, greeting);
    this.putRequest(request);
    return request;
  }

  async answer(requestId: string, accept: boolean): Promise<void> {
    this.putRequest(await this.rest.answerFriendRequest(requestId, accept));
  }

  private putRequest(request: FriendRequest): void {
    this.store.update((state) => ({ requests: withEntries(state.requests, [[request.id, request]]) }));
  }

  async setRemark(userId: string, remark: string): Promise<void> {
    this.putContact(await this.rest.setRemark(userId, remark));
  }

  private putContact(contact: Contact): void {
    this.store.update((state) => ({ contacts: withEntries(state.contacts, [[contact.userId, contact]]) }));
  }

  async removeContact(userId: string): Promise<void> {
    await this.rest.removeContact(userId);
    this.store.update((state) => ({ contacts: withEntries(state.contacts, [], [userId]) }));
  }

  async setBlocked(userId: string, blocked: boolean): Promise<void> {
    await this.rest.setBlocked(userId, blocked);
    this.store.update((state) => {
      const next = new Set(state.blocked);
      if (blocked) next.add(userId);
      else next.delete(userId);
      return { blocked: next };
    });
  }

  async updateProfile(changes: UpdateProfileRequest): Promise<SelfProfile> {
    const self = await this.rest.updateProfile(changes);
    this.store.set({ self });
    await this.client.cache?.write({ self });
    return self;
  }

  /** Loads a conversation's members (and their profiles). */
  async loadMembers(conversationId: string): Promise<void> {
    const detail = await this.rest.conversation(conversationId);
    this.putDetail(detail);
    await this.ensureProfiles(detail.members.map((member) => member.userId));
  }

  putDetail(detail: ConversationDetail): void {
    const id = detail.conversation.id;
    this.store.update((state) => {
      const local = state.conversations.get(id);
      const record = { ...detail.conversation, last: local?.last ?? null, unread: local?.unread ?? detail.conversation.unread };
      return {
        conversations: withEntries(state.conversations, [[id, record]]),
        members: withEntries(state.members, [[id, detail.members]]),
      };
    });
  }

  async createGroup(memberIds: string[], name?: string): Promise<string> {
    const detail = await this.rest.createGroup(memberIds, name);
    this.putDetail(detail);
    return detail.conversation.id;
  }

  async updateGroup(id: string, changes: { name?: string; announcement?: string; avatarMediaId?: string | null }): Promise<void> {
    this.putDetail(await this.rest.updateGroup(id, changes));
  }

  async addMembers(id: string, userIds: string[]): Promise<void> {
    this.putDetail(await this.rest.addMembers(id, userIds));
  }

  async removeMember(id: string, userId: string): Promise<void> {
    this.putDetail(await this.rest.removeMember(id, userId));
  }

  async transferGroup(id: string, toUserId: string): Promise<void> {
    this.putDetail(await this.rest.transferGroup(id, toUserId));
  }

  async setGroupAdmin(id: string, userId: string, admin: boolean): Promise<void> {
    this.putDetail(await this.rest.setGroupAdmin(id, userId, admin));
  }

  async leaveGroup(id: string): Promise<void> {
    await this.rest.leaveGroup(id);
    this.store.update((state) => ({
      conversations: withEntries(state.conversations, [], [id]),
      members: withEntries(state.members, [], [id]),
    }));
    await this.client.cache?.write({ removedConversations: [id] });
  }
}
