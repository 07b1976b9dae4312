import { z } from 'zod';
import { id } from './messages';

/** Tessera ID: what people type to find each other. Starts with a letter, 6-20 of a-z 0-9 _ -. */
export const handle = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{5,19}$/, 'must be 6-20 characters: a letter, then letters, digits, _ or -');
/** Phone numbers in E.164 form. */
export const phone = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be in E.164 form, such as +8613800138000');
export const password = z.string().min(8, 'must be at least 8 characters').max(128);
const deviceName = z.string().min(1).max(64);

export const registerRequest = z.object({
  handle,
  password,
  phone: phone.optional(),
  nickname: z.string().min(1).max(32).optional(),
  deviceName: deviceName.optional(),
});
export type RegisterRequest = z.infer<typeof registerRequest>;

export const loginRequest = z.object({
  /** Tessera ID or phone number. */
  login: z.string().min(1).max(32),
  password: z.string().min(1).max(128),
  deviceName: deviceName.optional(),
});
export type LoginRequest = z.infer<typeof loginRequest>;

export const renameSessionRequest = z.object({ deviceName });
export const changePasswordRequest = z.object({ currentPassword: z.string().min(1).max(128), newPassword: password });

export const updateProfileRequest = z
  .object({
    nickname: z.string().min(1).max(32),
    avatarMediaId: id.nullable(),
    bio: z.string().max(200),
    region: z.string().max(64),
  })
  .partial();
export type UpdateProfileRequest = z.infer<typeof updateProfileRequest>;

export const searchUsersQuery = z.object({ q: z.string().min(1).max(32) });

export const friendRequestCreate = z.object({ toUserId: id, greeting: z.string().max(100).default('') });
export const friendRequestAnswer = z.object({ accept: z.boolean() });
export const contactUpdate = z.object({ remark: z.string().max(32) });

export const groupCreate = z.object({
  name: z.string().min(1).max(64).optional(),
  memberIds: z.array(id).min(1).max(499),
});
export const groupUpdate = z
  .object({
    name: z.string().min(1).max(64),
    avatarMediaId: id.nullable(),
    announcement: z.string().max(2000),
  })
  .partial();
export const groupMembersAdd = z.object({ userIds: z.array(id).min(1).max(499) });
export const groupAdmin = z.object({ admin: z.boolean() });
export const groupTransfer = z.object({ toUserId: id });
export const conversationSettings = z.object({ pinned: z.boolean(), muted: z.boolean() }).partial();
export const historyQuery = z.object({
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
