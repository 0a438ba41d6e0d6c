import { describe, expect, it } from "vitest";
import { can, canGrant, type Action, type TRole } from "@/lib/domain/permissions";

const table: [TRole, Action, boolean][] = [
  ["viewer", "read", true],
  ["viewer", "manage_tasks", false],
  ["member", "manage_tasks", true],
  ["member", "manage_servers", false],
  ["admin", "manage_servers", true],
  ["admin", "manage_members", true],
  ["admin", "manage_organisation", false],
  ["owner", "manage_organisation", true],
];

describe("permissions", () => {
  it.each(table)("%s may %s: %s", (role, action, expected) => {
    expect(can(role, action)).toBe(expected);
  });

  it.each([
    ["admin", "admin", true],
    ["admin", "owner", false],
    ["owner", "owner", true],
    ["member", "viewer", false],
  ] as [TRole, TRole, boolean][])("%s granting %s: %s", (granter, role, expected) => {
    expect(canGrant(granter, role)).toBe(expected);
  });
});
