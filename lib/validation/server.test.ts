import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/validation/parse";
import { LOCAL_SERVERS_OFF, updateProblems, ZServerInput, ZServerUpdate, type TStoredServer } from "@/lib/validation/server";

const LOCAL = { name: "here", kind: "local", gridZone: "uk:national" };
const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";

function errorsFor(input: Record<string, unknown>, schema: typeof ZServerInput | typeof ZServerUpdate = ZServerInput) {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error);
}

describe("server numbers answer in words, whichever rule fails", () => {
  it.each([
    ["port", 70000, "Enter a port number from 1 to 65535"],
    ["port", 0, "Enter a port number from 1 to 65535"],
    ["port", 22.5, "Enter a port number from 1 to 65535"],
    ["port", "ssh", "Enter a port number from 1 to 65535"],
    ["cpuTdpWatts", -5, "Enter the thermal design power in watts (above 0, at most 5,000)"],
    ["cpuTdpWatts", 0, "Enter the thermal design power in watts (above 0, at most 5,000)"],
    ["cpuTdpWatts", 9000, "Enter the thermal design power in watts (above 0, at most 5,000)"],
    ["vcpusTotal", 0, "Enter a whole number of vCPUs from 1 to 4,096"],
    ["vcpusTotal", 2.5, "Enter a whole number of vCPUs from 1 to 4,096"],
    ["vcpusAvailable", 0, "Enter a whole number of vCPUs from 1 to 4,096"],
    ["memoryGb", 0, "Enter the memory in GB (above 0, at most 65,536)"],
    ["memoryGb", 1e6, "Enter the memory in GB (above 0, at most 65,536)"],
    ["embodiedGco2e", -1, "Enter the embodied emissions in gCO2e (0 to 1,000,000,000)"],
    ["embodiedGco2e", 2e9, "Enter the embodied emissions in gCO2e (0 to 1,000,000,000)"],
    ["lifespanYears", 0, "Enter the expected lifespan in years (above 0, at most 50)"],
    ["lifespanYears", 51, "Enter the expected lifespan in years (above 0, at most 50)"],
    ["maxConcurrentTasks", 0, "Enter a whole number of tasks from 1 to 256"],
    ["maxConcurrentTasks", 300, "Enter a whole number of tasks from 1 to 256"],
    ["maxConcurrentTasks", "many", "Enter a whole number of tasks from 1 to 256"],
  ])("%s = %j", (field, value, message) => {
    expect(errorsFor({ ...LOCAL, [field]: value })).toEqual({ [field]: [message] });
    expect(errorsFor({ [field]: value }, ZServerUpdate)).toEqual({ [field]: [message] });
  });

  it("says it once when several rules fail", () => {
    const result = ZServerUpdate.safeParse({ port: 70000.5, vcpusTotal: -2.5 });
    expect(result.success || result.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["port", "Enter a port number from 1 to 65535"],
      ["vcpusTotal", "Enter a whole number of vCPUs from 1 to 4,096"],
    ]);
  });

  it("accepts the bounds themselves", () => {
    const bounds = { port: 65535, cpuTdpWatts: 5000, vcpusTotal: 4096, vcpusAvailable: 1, memoryGb: 65536, embodiedGco2e: 0, lifespanYears: 50, maxConcurrentTasks: 256 };
    expect(errorsFor({ ...LOCAL, ...bounds })).toEqual({});
  });
});

describe("a request on its own", () => {
  it("needs host, user and the chosen credential to create an SSH server", () => {
    expect(errorsFor({ name: "s", kind: "ssh", gridZone: "uk:national", authMethod: "key", privateKey: "nope" })).toEqual({
      host: ["Host is required for an SSH server"],
      username: ["Username is required for an SSH server"],
      privateKey: ["Paste a private key (PEM or OpenSSH format)"],
    });
    expect(Object.keys(errorsFor({ name: "s", kind: "ssh", gridZone: "uk:national", host: "h", username: "u", authMethod: "password" }))).toEqual(["password"]);
  });

  it("keeps vCPUs for tasks within the total", () => {
    expect(errorsFor({ ...LOCAL, vcpusTotal: 8, vcpusAvailable: 64 })).toEqual({ vcpusAvailable: ["Cannot exceed the total vCPUs"] });
    expect(errorsFor({ vcpusTotal: 8, vcpusAvailable: 64 }, ZServerUpdate)).toEqual({ vcpusAvailable: ["Cannot exceed the total vCPUs"] });
  });

  it("refuses something that is not a private key on update too", () => {
    expect(errorsFor({ privateKey: "hunter2" }, ZServerUpdate)).toEqual({ privateKey: ["Paste a private key (PEM or OpenSSH format)"] });
    expect(errorsFor({ privateKey: KEY }, ZServerUpdate)).toEqual({});
  });
});

const keyServer: TStoredServer = { kind: "ssh", host: "gpu-1", username: "ml", authMethod: "key", hasPrivateKey: true, hasPassword: false, vcpusTotal: 8, vcpusAvailable: 8 };
const passwordServer: TStoredServer = { ...keyServer, authMethod: "password", hasPrivateKey: false, hasPassword: true };
const localServer: TStoredServer = { kind: "local", host: null, username: null, authMethod: "none", hasPrivateKey: false, hasPassword: false, vcpusTotal: 8, vcpusAvailable: 8 };
const on = { localServers: true };
const off = { localServers: false };

describe("updateProblems judges the server an update would produce", () => {
  it.each<[string, TStoredServer, Record<string, unknown>, { localServers: boolean }, Record<string, string[]>]>([
    ["a rename", keyServer, { name: "gpu-2" }, off, {}],
    ["the form's full patch, secrets left blank", keyServer, { kind: "ssh", host: "gpu-1", username: "ml", authMethod: "key" }, off, {}],
    ["key to password without a password", keyServer, { authMethod: "password" }, on, { password: ["Enter a password to switch this server to password sign-in; the stored key is kept until you do"] }],
    ["key to password with one", keyServer, { authMethod: "password", password: "s3cret" }, on, {}],
    ["password to key without a key", passwordServer, { authMethod: "key" }, on, { privateKey: ["Paste a private key to switch this server to key sign-in; the stored password is kept until you do"] }],
    ["password to key with one", passwordServer, { authMethod: "key", privateKey: KEY }, on, {}],
    ["key to password on a server whose key is already gone", { ...keyServer, hasPrivateKey: false }, { authMethod: "password" }, on, { password: ["Password is required"] }],
    ["key to password when a password is stored too", { ...keyServer, hasPassword: true }, { authMethod: "password" }, on, {}],
    ["local to SSH with no credential", localServer, { kind: "ssh", host: "h", username: "u", authMethod: "password" }, on, { password: ["Password is required"] }],
    ["local to SSH with no key", localServer, { kind: "ssh", host: "h", username: "u", authMethod: "key" }, on, { privateKey: ["Paste a private key (PEM or OpenSSH format)"] }],
    ["local to SSH with nothing", localServer, { kind: "ssh" }, on, {
      host: ["Host is required for an SSH server"],
      username: ["Username is required for an SSH server"],
      authMethod: ["Choose key or password authentication"],
    }],
    ["local to SSH, complete", localServer, { kind: "ssh", host: "h", username: "u", authMethod: "key", privateKey: KEY }, off, {}],
    ["SSH to local while local servers are off", keyServer, { kind: "local" }, off, { kind: [LOCAL_SERVERS_OFF] }],
    ["SSH to local while they are on", keyServer, { kind: "local" }, on, {}],
    ["editing a server that is already local while they are off", localServer, { kind: "local", name: "still-here" }, off, {}],
    ["vCPUs for tasks above the stored total", keyServer, { vcpusAvailable: 64 }, on, { vcpusAvailable: ["Cannot exceed the total vCPUs"] }],
  ])("%s", (_, stored, patch, settings, expected) => {
    expect(updateProblems(stored, ZServerUpdate.parse(patch), settings)).toEqual(expected);
  });
});

describe("credentials sent as null", () => {
  it("are refused in words, not validator terms", () => {
    expect(errorsFor({ password: null }, ZServerUpdate).password).toEqual(["Enter a password, or leave the field out to keep the stored one"]);
    expect(errorsFor({ privateKey: null }, ZServerUpdate).privateKey).toEqual(["Paste a private key, or leave the field out to keep the stored one"]);
  });
});
