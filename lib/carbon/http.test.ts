import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useFakeHttp, type FakeHttpServer } from "@/lib/testing/fake-http";
import { ProviderError } from "./errors";
import { getJson, parsePayload, parseRetryAfter, type HttpOptions } from "./http";

const FAST: HttpOptions = { provider: "test", timeoutMs: 1_000, retries: 2, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterSeconds: 5 };

describe("getJson", () => {
  let server: FakeHttpServer;
  useFakeHttp((started) => (server = started));
  const url = () => `${server.baseUrl}/thing`;
  const failure = (options: HttpOptions = FAST) =>
    getJson({ url: url() }, options).then(
      () => expect.unreachable("expected a ProviderError"),
      (e: unknown) => e as ProviderError,
    );

  it("honours an HTTP-date Retry-After", async () => {
    const date = "Thu, 01 Jan 2026 00:00:01 GMT";
    // Pin our clock one second before the date, so the wait must be a whole second.
    const now = () => new Date("2026-01-01T00:00:00Z");
    server.setRoutes([{ path: "/thing", respond: [{ status: 429, headers: { "retry-after": date } }, { body: { ok: true } }] }]);
    const started = Date.now();
    expect(await getJson({ url: url() }, { ...FAST, now })).toEqual({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    expect(server.requests).toHaveLength(2);
  });

  it("does not wait past the cap: a long Retry-After is reported at once", async () => {
    server.setRoutes([{ path: "/thing", respond: { status: 429, headers: { "retry-after": "3600" } } }]);
    const error = await failure();
    expect(error.kind).toBe("rate_limited");
    expect(error.retryAfterSeconds).toBe(3600);
    expect(server.requests).toHaveLength(1);
  });

  it("reports rate_limited when 429s outlast the retries", async () => {
    const sleeps: number[] = [];
    server.setRoutes([{ path: "/thing", respond: { status: 429, headers: { "retry-after": "2" } } }]);
    const error = await failure({ ...FAST, sleep: async (ms) => void sleeps.push(ms) });
    expect(error.kind).toBe("rate_limited");
    expect(sleeps).toEqual([2_000, 2_000]);
  });

  it("backs off exponentially with jitter", async () => {
    const sleeps: number[] = [];
    server.setRoutes([{ path: "/thing", respond: { status: 503 } }]);
    await failure({ ...FAST, retries: 3, baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) });
    expect(sleeps).toEqual([150, 250, 450]);
  });

  it("retries a timeout, then succeeds", async () => {
    server.setRoutes([{ path: "/thing", respond: [{ delayMs: 300, body: {} }, { body: { ok: 1 } }] }]);
    expect(await getJson({ url: url() }, { ...FAST, timeoutMs: 50 })).toEqual({ ok: 1 });
  });

  it("does not retry 4xx", async () => {
    server.setRoutes([{ path: "/thing", respond: { status: 400, body: { error: { code: "400 Bad Request", message: "bad date" } } } }]);
    const error = await failure();
    expect(error.kind).toBe("bad_request");
    expect(error.message).toContain("bad date");
    expect(server.requests).toHaveLength(1);
  });

  it("maps 404 to not_found and a refused connection to server_error", async () => {
    server.setRoutes([]);
    expect((await failure()).kind).toBe("not_found");
    const refused = (await getJson({ url: "http://127.0.0.1:1/" }, FAST).catch((e: unknown) => e)) as ProviderError;
    expect(refused.kind).toBe("server_error");
  });
});

describe("parseRetryAfter", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it.each([
    [null, undefined],
    ["5", 5],
    [" 0 ", 0],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0],
    ["soon", undefined],
  ])("%j → %j", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe("parsePayload", () => {
  const schema = z.object({ data: z.union([z.object({ value: z.number() }), z.array(z.object({ value: z.number() }))]) });

  it("names the deepest field inside a union", () => {
    const error = (() => {
      try {
        parsePayload(schema, { data: [{ value: 1 }, { value: "x" }] }, "prov");
      } catch (e) {
        return e as ProviderError;
      }
    })();
    expect(error?.kind).toBe("malformed");
    expect(error?.path).toBe("data[1].value");
    expect(error?.message).toMatch(/^prov: /);
  });
});
