import { z } from "zod";
import { ROLES } from "@/lib/domain/permissions";
import { requiredText } from "@/lib/validation/common";

export const ZEmail = z.string({ error: "E-mail is required" }).trim().toLowerCase().pipe(z.email({ error: "Enter a valid e-mail address" }));
export const ZPassword = z
  .string({ error: "Password is required" })
  .min(10, { error: "Use at least 10 characters" })
  .max(200, { error: "Use at most 200 characters" });

const ZSignUpFields = z.object({
  name: requiredText("Name is required", 100),
  email: ZEmail,
  password: ZPassword,
  organisationName: requiredText("Organisation name is required", 100).optional(),
  inviteToken: z.string().min(10).max(200).optional(),
});

/** Without an invitation the organisation name is required, and reported with the other fields' errors. */
export const ZSignUpInput = z.preprocess(
  (raw) => (raw && typeof raw === "object" && !("inviteToken" in raw && raw.inviteToken) && !("organisationName" in raw) ? { ...raw, organisationName: "" } : raw),
  ZSignUpFields,
);
export type TSignUpInput = z.infer<typeof ZSignUpInput>;

export const ZInvitationInput = z.object({
  email: ZEmail.optional(),
  role: z.enum(ROLES),
});
export type TInvitationInput = z.infer<typeof ZInvitationInput>;

export const ZMemberRoleInput = z.object({ role: z.enum(ROLES) });
