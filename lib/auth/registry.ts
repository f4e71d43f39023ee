import type { Permission } from "./permissions";

/** Who may reach an entry: anyone, a signed-in user, members with a permission, or an API key. */
export type Access = "public" | "user" | "apiKey" | Permission;

export interface RegistryEntry {
  kind: "action" | "route";
  name: string;
  access: Access;
}

// globalThis, not a module variable: Next evaluates modules once per bundle.
const store = globalThis as typeof globalThis & {
  __switchboardRegistry?: Map<string, RegistryEntry>;
};
store.__switchboardRegistry ??= new Map();
const entries = store.__switchboardRegistry;

/**
 * Every server action and route handler registers here with the access it needs, so the
 * permission matrix test can walk them all.
 */
export function register(entry: RegistryEntry): void {
  const existing = entries.get(entry.name);
  if (existing && existing.access !== entry.access) {
    throw new Error(`"${entry.name}" is registered twice with different access`);
  }
  entries.set(entry.name, entry);
}

export function registeredEntries(): RegistryEntry[] {
  return [...entries.values()];
}
