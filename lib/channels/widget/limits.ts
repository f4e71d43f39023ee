/** How many messages one visitor may send per window. */
export const VISITOR_MESSAGE_LIMIT = 20;
/** How many widget messages one IP address may send per window, across visitors. */
export const IP_MESSAGE_LIMIT = 60;
export const MESSAGE_WINDOW_MS = 60_000;
/** Request bodies larger than this are refused before parsing (a 4,000-character message fits). */
export const MAX_REQUEST_BYTES = 32 * 1024;
export const VISITOR_NAME_MAX = 100;
export const GREETING_MAX = 280;
