/** The four roles, weakest last. Plain data, safe to import in client components. */
export const roles = ["admin", "manager", "agent", "viewer"] as const;
export type Role = (typeof roles)[number];
