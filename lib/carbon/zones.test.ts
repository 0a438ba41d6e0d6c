import { describe, expect, it } from "vitest";
import { formatZone, parseZone, providerIdForZone, safeParseZone } from "./zones";

describe("zones", () => {
  it.each([
    ["uk:national", { kind: "uk-national" }, "uk-carbon-intensity"],
    ["uk:region:1", { kind: "uk-region", regionId: 1 }, "uk-carbon-intensity"],
    ["uk:region:17", { kind: "uk-region", regionId: 17 }, "uk-carbon-intensity"],
    ["uk:postcode:RG10", { kind: "uk-postcode", outward: "RG10" }, "uk-carbon-intensity"],
    ["uk:postcode:ec1v", { kind: "uk-postcode", outward: "EC1V" }, "uk-carbon-intensity"],
    ["em:DE", { kind: "electricity-maps", zone: "DE" }, "electricity-maps"],
    ["em:US-CAL-CISO", { kind: "electricity-maps", zone: "US-CAL-CISO" }, "electricity-maps"],
    ["em:AUS-NSW", { kind: "electricity-maps", zone: "AUS-NSW" }, "electricity-maps"],
    ["wt:CAISO_NORTH", { kind: "watttime", region: "CAISO_NORTH" }, "watttime"],
    ["replay:gb-lwa2020-week", { kind: "replay", name: "gb-lwa2020-week" }, "replay"],
    ["static:GB", { kind: "static", country: "GB" }, "static"],
    ["static:DEU", { kind: "static", country: "DEU" }, "static"],
  ])("%s", (text, zone, provider) => {
    expect(parseZone(text)).toEqual(zone);
    expect(providerIdForZone(parseZone(text))).toBe(provider);
  });

  it.each([
    ["uk:national", "uk:national"],
    ["uk:postcode:rg10", "uk:postcode:RG10"],
    ["em:DK-DK1", "em:DK-DK1"],
  ])("formats %s as %s", (text, canonical) => {
    expect(formatZone(parseZone(text))).toBe(canonical);
  });

  it.each([
    "",
    "national",
    "uk:region:0",
    "uk:region:18",
    "uk:region:1.5",
    "uk:postcode:RG10 6AB",
    "uk:postcode:../../etc",
    "em:de",
    "wt:",
    "replay:../secrets",
    "replay:Upper",
    "static:Germany",
    "xx:DE",
  ])("rejects %j", (text) => {
    const result = safeParseZone(text);
    expect(result.ok).toBe(false);
  });

  it("explains what is wrong", () => {
    const result = safeParseZone("uk:region:42");
    expect(result.ok === false && result.message).toContain("1-17");
  });
});
