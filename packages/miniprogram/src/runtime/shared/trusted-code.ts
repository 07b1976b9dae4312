/**
 * The Trusted Types policy name the logic frame's CSP allows (`trusted-types`), without
 * 'allow-duplicates', so only the first policy of this name in each realm can be made: the
 * runtime makes it before any mini-program code runs.
 */
export const LOGIC_POLICY_NAME = 'tessera-logic';
