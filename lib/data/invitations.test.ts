import { describe, expect, it } from "vitest";
import { acceptInvitation, createInvitation, describeInvitation, registerUserWithInvitation } from "@/lib/data/invitations";
import { findMembership, listMemberships, removeMember, setMemberRole } from "@/lib/data/organisations";
import { seedTenant, uniqueEmail } from "@/lib/testing/factories";

describe("invitations and memberships", () => {
  it("lets an invited person sign up into the organisation, once", async () => {
    const owner = await seedTenant("inv");
    const { token } = await createInvitation(owner.organisationId, { userId: owner.user.id, role: "owner" }, { role: "member" });
    expect(await describeInvitation(token)).toMatchObject({ role: "member" });
    const joined = await registerUserWithInvitation(token, { email: uniqueEmail("new"), name: "New", password: "long enough password" });
    expect(joined.organisationId).toBe(owner.organisationId);
    expect(await findMembership(joined.userId, owner.organisationId)).toMatchObject({ role: "member" });
    expect(await describeInvitation(token)).toBeNull();
    await expect(acceptInvitation(token, { id: owner.user.id, email: owner.email })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses expired invitations and escalation by admins", async () => {
    const owner = await seedTenant("inv");
    const past = new Date(Date.now() - 8 * 86_400_000);
    const { token } = await createInvitation(owner.organisationId, { userId: owner.user.id, role: "owner" }, { role: "viewer" }, past);
    expect(await describeInvitation(token)).toBeNull();
    await expect(createInvitation(owner.organisationId, { userId: owner.user.id, role: "admin" }, { role: "owner" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("lets an existing user join a second organisation and keeps one owner", async () => {
    const a = await seedTenant("a");
    const b = await seedTenant("b");
    const { token } = await createInvitation(b.organisationId, { userId: b.user.id, role: "owner" }, { role: "admin", email: a.email });
    await acceptInvitation(token, { id: a.user.id, email: a.email });
    expect((await listMemberships(a.user.id)).map((m) => m.organisationId).sort()).toEqual([a.organisationId, b.organisationId].sort());
    await expect(setMemberRole(b.organisationId, b.user.id, "member")).rejects.toMatchObject({ code: "conflict" });
    await expect(removeMember(b.organisationId, b.user.id)).rejects.toMatchObject({ code: "conflict" });
    await setMemberRole(b.organisationId, a.user.id, "viewer");
    expect(await findMembership(a.user.id, b.organisationId)).toMatchObject({ role: "viewer" });
  });
});
