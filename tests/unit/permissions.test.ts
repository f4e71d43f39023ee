import { describe, expect, it } from "vitest";
import { roles } from "@/db/schema";
import { can, type Permission, permissions } from "@/lib/auth/permissions";

// DESIGN.md's permission table, row by row.
const expected: Record<Permission, Record<(typeof roles)[number], boolean>> = {
  "workspace.view": { admin: true, manager: true, agent: true, viewer: true },
  "workspace.manage": { admin: true, manager: false, agent: false, viewer: false },
  "members.view": { admin: true, manager: true, agent: true, viewer: true },
  "members.manage": { admin: true, manager: false, agent: false, viewer: false },
  "teams.manage": { admin: true, manager: true, agent: false, viewer: false },
  "agents.manage": { admin: true, manager: true, agent: false, viewer: false },
  "conversations.view": { admin: true, manager: true, agent: true, viewer: true },
  "conversations.view.all": { admin: true, manager: true, agent: false, viewer: true },
  "conversations.view.scoped": { admin: false, manager: false, agent: true, viewer: false },
  "conversations.reply": { admin: true, manager: true, agent: true, viewer: false },
  "conversations.assign.any": { admin: true, manager: true, agent: false, viewer: false },
  "conversations.claim": { admin: true, manager: true, agent: true, viewer: false },
  "reports.view.all": { admin: true, manager: true, agent: false, viewer: false },
  "reports.view.own": { admin: true, manager: true, agent: true, viewer: false },
};

describe("permission table", () => {
  it("covers every permission", () => {
    expect(Object.keys(expected).sort()).toEqual([...permissions].sort());
  });

  for (const permission of permissions) {
    for (const role of roles) {
      const allowed = expected[permission][role];
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
      });
    }
  }
});
