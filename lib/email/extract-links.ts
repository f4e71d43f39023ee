const entities: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  nbsp: " ",
};

/** Renderers escape `&` in query strings as `&amp;`; a link must be clicked unescaped. */
export function decodeHtmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    }
    if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? match;
  });
}

/**
 * The http(s) link targets in an email's HTML, in order, without repeats. Other schemes
 * (mailto:, javascript:) are left out: the dev mailbox renders these as clickable links.
 */
export function extractLinks(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const href = decodeHtmlEntities((match[1] ?? match[2] ?? "").trim());
    if (/^https?:\/\//i.test(href)) links.add(href);
  }
  return [...links];
}
