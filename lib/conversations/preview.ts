/** A message as the list shows it: one line, at most 140 characters. */
export const previewOf = (body: string) => body.replace(/\s+/g, " ").trim().slice(0, 140);
