/** Top-level paths a workspace slug may not take, since `/{slug}` shares the URL space. */
export const reservedSlugs = new Set([
  "api",
  "app",
  "admin",
  "dev",
  "docs",
  "help",
  "invite",
  "new",
  "settings",
  "sign-in",
  "sign-up",
  "sign-out",
  "check-email",
  "static",
  "widget",
  "workspaces",
  "_next",
]);

export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : `workspace${slug ? `-${slug}` : ""}`;
}

/** `base`, then `base-2`, `base-3` … skipping reserved and taken slugs. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!reservedSlugs.has(candidate) && !taken.has(candidate)) return candidate;
  }
}
