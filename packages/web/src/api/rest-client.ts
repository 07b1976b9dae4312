import type {
  Contact,
  Conversation,
  FriendRequest,
  MediaInfo,
  Member,
  Message,
  OutgoingContent,
  Profile,
  SelfProfile,
  Session,
  UpdateProfileRequest,
} from '@tessera/protocol';

/**
 * A failed request: the server's error code, or `network` when no answer came. `details` is what the
 * server added to the code (a red-packet limit's reason, the tries left for a payment password), as sent.
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown };
}

export interface SignedIn {
  token: string;
  session: Session;
  profile: SelfProfile;
}

export interface ConversationDetail {
  conversation: Conversation;
  members: Member[];
}

/** What the media upload answers. */
export type UploadedMedia = MediaInfo;

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** The REST half of the client protocol (`/api/v1/*`), typed by the protocol package. */
export class RestClient {
  /** Called when the server says the session is gone, so the app can sign out. */
  onUnauthenticated: () => void = () => {};

  constructor(private token: string | null = null) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  /** One authorised request to `/api/v1{path}`; domain clients such as `PayApi` build on it. */
  async call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`/api/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch {
      throw new ApiError('network', 'The server cannot be reached', 0);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      const code = error?.code ?? 'internal_error';
      if ((code === 'unauthenticated' || code === 'session_revoked') && this.token) this.onUnauthenticated();
      throw new ApiError(code, error?.message ?? response.statusText, response.status, error?.details);
    }
    return parsed as T;
  }

  register(body: { handle: string; password: string; nickname?: string; phone?: string; deviceName: string }): Promise<SignedIn> {
    return this.call('POST', '/accounts', body);
  }
  login(body: { login: string; password: string; deviceName: string }): Promise<SignedIn> {
    return this.call('POST', '/sessions', body);
  }
  logout(): Promise<void> {
    return this.call('DELETE', '/sessions/current');
  }
  sessions(): Promise<{ sessions: Session[] }> {
    return this.call('GET', '/sessions');
  }
  revokeSession(id: string): Promise<void> {
    return this.call('DELETE', `/sessions/${encodeURIComponent(id)}`);
  }
  me(): Promise<SelfProfile> {
    return this.call('GET', '/me');
  }
  updateProfile(changes: UpdateProfileRequest): Promise<SelfProfile> {
    return this.call('PATCH', '/me', changes);
  }
  changePassword(currentPassword: string, newPassword: string): Promise<void> {
    return this.call('POST', '/me/password', { currentPassword, newPassword });
  }
  searchUser(q: string): Promise<{ user: Profile }> {
    return this.call('GET', `/users/search?q=${encodeURIComponent(q)}`);
  }
  user(userId: string): Promise<Profile> {
    return this.call('GET', `/users/${encodeURIComponent(userId)}`);
  }
  contacts(): Promise<{ contacts: Contact[] }> {
    return this.call('GET', '/contacts');
  }
  setRemark(userId: string, remark: string): Promise<Contact> {
    return this.call('PATCH', `/contacts/${encodeURIComponent(userId)}`, { remark });
  }
  removeContact(userId: string): Promise<void> {
    return this.call('DELETE', `/contacts/${encodeURIComponent(userId)}`);
  }
  friendRequests(): Promise<{ requests: FriendRequest[] }> {
    return this.call('GET', '/friend-requests');
  }
  sendFriendRequest(toUserId: string, greeting: string): Promise<FriendRequest> {
    return this.call('POST', '/friend-requests', { toUserId, greeting });
  }
  answerFriendRequest(id: string, accept: boolean): Promise<FriendRequest> {
    return this.call('POST', `/friend-requests/${encodeURIComponent(id)}/answer`, { accept });
  }
  blocks(): Promise<{ userIds: string[] }> {
    return this.call('GET', '/blocks');
  }
  setBlocked(userId: string, blocked: boolean): Promise<void> {
    return this.call(blocked ? 'PUT' : 'DELETE', `/blocks/${encodeURIComponent(userId)}`);
  }
  conversations(): Promise<{ conversations: Conversation[] }> {
    return this.call('GET', '/conversations');
  }
  conversation(id: string): Promise<ConversationDetail> {
    return this.call('GET', `/conversations/${encodeURIComponent(id)}`);
  }
  updateConversationSettings(id: string, settings: { pinned?: boolean; muted?: boolean }): Promise<Conversation> {
    return this.call('PATCH', `/conversations/${encodeURIComponent(id)}/settings`, settings);
  }
  hideConversation(id: string): Promise<void> {
    return this.call('DELETE', `/conversations/${encodeURIComponent(id)}`);
  }
  markRead(id: string, seq: number): Promise<{ readSeq: number }> {
    return this.call('POST', `/conversations/${encodeURIComponent(id)}/read`, { seq });
  }
  history(id: string, beforeSeq: number | undefined, limit: number): Promise<{ messages: Message[] }> {
    const before = beforeSeq === undefined ? '' : `&beforeSeq=${beforeSeq}`;
    return this.call('GET', `/conversations/${encodeURIComponent(id)}/messages?limit=${limit}${before}`);
  }
  send(id: string, body: { clientMsgId: string; content: OutgoingContent; quoteSeq?: number; mentions?: string[] }): Promise<unknown> {
    return this.call('POST', `/conversations/${encodeURIComponent(id)}/messages`, body);
  }
  createGroup(memberIds: string[], name?: string): Promise<ConversationDetail> {
    return this.call('POST', '/groups', { memberIds, ...(name ? { name } : {}) });
  }
  updateGroup(id: string, changes: { name?: string; announcement?: string; avatarMediaId?: string | null }): Promise<ConversationDetail> {
    return this.call('PATCH', `/groups/${encodeURIComponent(id)}`, changes);
  }
  addMembers(id: string, userIds: string[]): Promise<ConversationDetail> {
    return this.call('POST', `/groups/${encodeURIComponent(id)}/members`, { userIds });
  }
  removeMember(id: string, userId: string): Promise<ConversationDetail> {
    return this.call('DELETE', `/groups/${encodeURIComponent(id)}/members/${encodeURIComponent(userId)}`);
  }
  transferGroup(id: string, toUserId: string): Promise<ConversationDetail> {
    return this.call('POST', `/groups/${encodeURIComponent(id)}/transfer`, { toUserId });
  }
  setGroupAdmin(id: string, userId: string, admin: boolean): Promise<ConversationDetail> {
    return this.call('PUT', `/groups/${encodeURIComponent(id)}/admins/${encodeURIComponent(userId)}`, { admin });
  }
  leaveGroup(id: string): Promise<void> {
    return this.call('POST', `/groups/${encodeURIComponent(id)}/leave`);
  }

  /** Uploads bytes for a message or avatar; the server sniffs the type. */
  async upload(kind: 'image' | 'voice' | 'file', blob: Blob): Promise<UploadedMedia> {
    let response: Response;
    try {
      response = await fetch(`/api/v1/media?kind=${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token ?? ''}`, 'content-type': 'application/octet-stream' },
        body: blob,
      });
    } catch {
      throw new ApiError('network', 'The server cannot be reached', 0);
    }
    const parsed = safeJson(await response.text());
    if (!response.ok) {
      const error = (parsed as ErrorBody | undefined)?.error;
      throw new ApiError(error?.code ?? 'internal_error', error?.message ?? response.statusText, response.status, error?.details);
    }
    return parsed as UploadedMedia;
  }

  /** A URL an <img>, <audio> or link can load media from (downloads accept the token as a query). */
  mediaUrl(mediaId: string, variant: 'original' | 'thumbnail' = 'original'): string {
    const suffix = variant === 'thumbnail' ? '/thumbnail' : '';
    return `/api/v1/media/${encodeURIComponent(mediaId)}${suffix}?token=${encodeURIComponent(this.token ?? '')}`;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
