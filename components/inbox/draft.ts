/** Unsent text in a conversation's composer, and whether it is an internal note. */
export interface Draft {
  text: string;
  note: boolean;
}

/**
 * The draft after a send failed: the failed text comes back without losing what was typed
 * since (after it, a blank line apart). When either is a note the result is a note — text
 * meant for the team must never come back as a reply, one Enter away from the customer.
 */
export function restoreFailed(current: Draft | undefined, failed: Draft): Draft {
  const typed = current?.text.trim() ? current : undefined;
  if (!typed) return failed;
  if (typed.text.includes(failed.text)) return typed;
  return { text: `${typed.text}\n\n${failed.text}`, note: typed.note || failed.note };
}
