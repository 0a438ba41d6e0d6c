import { describe, expect, it } from "vitest";
import { ZSignUpInput } from "./auth";

const fieldsWithErrors = (input: unknown) => {
  const result = ZSignUpInput.safeParse(input);
  return result.success ? [] : [...new Set(result.error.issues.map((i) => i.path.join(".")))].sort();
};

describe("sign-up input", () => {
  it("reports a missing organisation name together with the other fields' errors", () => {
    expect(fieldsWithErrors({ name: "", email: "nope", password: "short" })).toEqual(["email", "name", "organisationName", "password"]);
    expect(fieldsWithErrors({ name: "Ada", email: "ada@example.com", password: "long enough password", organisationName: " " })).toEqual(["organisationName"]);
  });

  it("needs no organisation name with an invitation", () => {
    expect(fieldsWithErrors({ name: "Ada", email: "ada@example.com", password: "long enough password", inviteToken: "x".repeat(20) })).toEqual([]);
    expect(ZSignUpInput.parse({ name: "Ada", email: "Ada@Example.com", password: "long enough password", organisationName: "Green Ops" })).toMatchObject({ email: "ada@example.com", organisationName: "Green Ops" });
  });
});
