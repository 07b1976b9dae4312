import { z } from 'zod';

/**
 * Every error a client can receive, by stable snake_case code. The server maps each code to an
 * HTTP status for REST and sends it unchanged in WebSocket `error` frames.
 */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  frame_malformed: 400,
  frame_too_large: 413,
  frame_unknown_type: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_revoked: 401,
  account_locked: 423,
  rate_limited: 429,
  forbidden: 403,
  not_found: 404,
  user_not_found: 404,
  conversation_not_found: 404,
  message_not_found: 404,
  media_not_found: 404,
  handle_taken: 409,
  phone_taken: 409,
  already_contacts: 409,
  not_contacts: 403,
  blocked: 403,
  request_not_pending: 409,
  not_a_member: 403,
  not_group_admin: 403,
  not_group_owner: 403,
  group_full: 409,
  owner_cannot_leave: 409,
  recall_window_passed: 409,
  cannot_recall: 403,
  media_too_large: 413,
  media_type_not_allowed: 415,
  payload_too_large: 413,
  slow_consumer: 429,
  // Payments
  amount_invalid: 400,
  insufficient_funds: 409,
  currency_mismatch: 409,
  daily_limit_exceeded: 409,
  idempotency_key_reused: 422,
  payment_password_not_set: 409,
  payment_password_wrong: 403,
  payment_password_locked: 423,
  transfer_not_found: 404,
  transfer_not_pending: 409,
  not_transfer_receiver: 403,
  red_packet_not_found: 404,
  red_packet_limit_exceeded: 400,
  hold_not_open: 409,
  funding_failed: 502,
  operator_unauthorized: 401,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

/** The body of every failed REST response, and the payload of a WebSocket `error` frame. */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;
