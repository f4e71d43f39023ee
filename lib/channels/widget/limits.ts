/** How many messages one visitor may send per window. */
export const VISITOR_MESSAGE_LIMIT = 20;
/** How many widget messages one IP address may send per window, across visitors. */
export const IP_MESSAGE_LIMIT = 60;
export const MESSAGE_WINDOW_MS = 60_000;
/**
 * How many new visitors (fresh tokens) one IP address may start per window: a token is free to
 * mint, so without this the per-visitor message limit would be one fresh token away.
 */
export const IP_NEW_VISITOR_LIMIT = 30;
export const NEW_VISITOR_WINDOW_MS = 10 * 60_000;
/** Request bodies larger than this are refused before parsing (a 4,000-character message fits). */
export const MAX_REQUEST_BYTES = 32 * 1024;
export const VISITOR_NAME_MAX = 100;
export const GREETING_MAX = 280;
