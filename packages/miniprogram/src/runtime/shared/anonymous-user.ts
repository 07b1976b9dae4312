/**
 * The profile WeChat has given programs since 2021 in place of the user's own (getUserInfo,
 * `<button open-type="getUserInfo">`): a fixed nickname and a grey default avatar. Our avatar is
 * a data: URL, so it shows in a sandboxed view and can be uploaded without any outside server.
 */
const AVATAR_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132">' +
  '<rect width="132" height="132" fill="#e5e5e5"/><circle cx="66" cy="52" r="24" fill="#b8b8b8"/>' +
  '<path d="M22 132c4-30 22-44 44-44s40 14 44 44z" fill="#b8b8b8"/></svg>';

/** The default avatar: what the anonymous profile carries and what chooseAvatar offers first. */
export const DEFAULT_AVATAR_URL = `data:image/svg+xml;base64,${btoa(AVATAR_SVG)}`;

/** The nickname WeChat gives every program that asks for the profile without a prompt. */
export const ANONYMOUS_NICKNAME = '微信用户';

/** A fresh copy of the anonymous profile (WeChat's field names and values). */
export function anonymousUserInfo(): Record<string, unknown> {
  return { nickName: ANONYMOUS_NICKNAME, avatarUrl: DEFAULT_AVATAR_URL, gender: 0, country: '', province: '', city: '', language: '', is_demote: true };
}
