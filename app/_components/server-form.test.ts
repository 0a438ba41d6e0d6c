import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ServerDto } from "@/lib/data/servers";
import { fieldErrorsOf } from "@/lib/validation/parse";
import { LOCAL_SERVERS_OFF, ZServerUpdate } from "@/lib/validation/server";
import { errorsOf, hardwareHasErrors, ServerForm } from "./server-form";

const render = (props: { server?: ServerDto; localServers?: boolean }) => renderToStaticMarkup(createElement(ServerForm, { onSaved: () => {}, ...props }));
const localOption = (html: string) => html.match(/<option value="local"[^>]*>[^<]*<\/option>/)?.[0];

const localServer = {
  id: "s1", name: "here", kind: "local", host: null, port: 22, username: null, authMethod: "none", hasPrivateKey: false, hasPassphrase: false, hasPassword: false,
  hostKeyFingerprint: null, hostKeyMismatch: null, hostKeyMismatchAt: null, gridZone: "uk:national", tags: [], cpuTdpWatts: 65, vcpusTotal: 8, vcpusAvailable: 8,
  memoryGb: 16, embodiedGco2e: 1_700_000, lifespanYears: 4, maxConcurrentTasks: 1, lastConnectionError: null, createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z",
} satisfies ServerDto;

describe("server form errors", () => {
  it.each([
    [{ tags: ["Tags use letters, digits and - _ . :"] }, ["Tags use letters, digits and - _ . :"]],
    [{ "tags.1": ["Tags use letters, digits and - _ . :"] }, ["Tags use letters, digits and - _ . :"]],
    [{ "tags.0": ["Too long"], "tags.2": ["Too long"], tags: ["At most 20 tags"] }, ["Too long", "At most 20 tags"]],
    [{ tagsExtra: ["not a tag error"], name: ["Name is required"] }, undefined],
  ])("shows tag errors however the API keys them: %j", (fields, expected) => {
    expect(errorsOf(fields, "tags")).toEqual(expected);
  });

  it("shows the API's answer to a bad tag under the tags field", () => {
    const result = ZServerUpdate.safeParse({ tags: ["gpu", "bad tag!"] });
    expect(result.success).toBe(false);
    expect(errorsOf(fieldErrorsOf(result.error!), "tags")).toEqual(["Tags use letters, digits and - _ . :"]);
  });

  it.each([
    [{ cpuTdpWatts: ["Enter the thermal design power in watts (above 0, at most 5,000)"] }, true],
    [{ vcpusAvailable: ["Cannot exceed the total vCPUs"] }, true],
    [{ lifespanYears: ["…"], name: ["…"] }, true],
    [{ port: ["Enter a port number from 1 to 65535"], tags: ["…"] }, false],
    [{}, false],
  ])("unfolds the hardware profile for %j: %s", (fields, expected) => {
    expect(hardwareHasErrors(fields)).toBe(expected);
  });
});

describe("the kind choice follows GRIDSHIFT_LOCAL_SERVERS as the page passes it", () => {
  it("offers local servers disabled, with the reason, when they are off", () => {
    const html = render({ localServers: false });
    expect(localOption(html)).toMatch(/disabled=""/);
    expect(html).toContain(LOCAL_SERVERS_OFF.replace("'", "&#x27;"));
  });

  it("offers them when they are on", () => {
    const html = render({ localServers: true });
    expect(localOption(html)).not.toMatch(/disabled/);
    expect(html).not.toContain("GRIDSHIFT_LOCAL_SERVERS");
  });

  it("keeps a server that is already local editable when they are off", () => {
    const html = render({ server: localServer, localServers: false });
    expect(localOption(html)).not.toMatch(/disabled/);
  });
});
