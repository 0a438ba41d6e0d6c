import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeHttp, type FakeHttpServer, type FakeRoute } from "@/lib/testing/fake-http";
import { ProviderError } from "../errors";
import type { HttpOptions } from "../http";

/**
 * The failure modes every HTTP-backed provider must map the same way, run against a local
 * fake server: success, empty data, malformed JSON, malformed shape (field named), timeout,
 * 401, 429 with Retry-After honoured, 5xx then success, 5xx exhausted.
 */
export const FAST_HTTP: Omit<HttpOptions, "provider"> = {
  timeoutMs: 1_000,
  retries: 2,
  baseDelayMs: 1,
  maxDelayMs: 5,
  maxRetryAfterSeconds: 5,
};

export function fixture(name: string): unknown {
  const url = new URL(`../__fixtures__/${name}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), "utf8"));
}

export interface HttpProviderContract<P> {
  name: string;
  providerId: string;
  /** Routes every case needs (e.g. WattTime's /login). */
  supportRoutes?: FakeRoute[];
  /** The data route the call hits. */
  path: string | RegExp;
  make(baseUrl: string, http: Omit<HttpOptions, "provider">): P;
  call(provider: P): Promise<unknown>;
  success: { body: unknown; check(result: unknown): void };
  empty: { body: unknown; expected: unknown };
  malformedShape: { body: unknown; path: string };
}

export function describeHttpProviderContract<P>(contract: HttpProviderContract<P>): void {
  describe(`${contract.name} (HTTP contract)`, () => {
    let server: FakeHttpServer;
    beforeAll(async () => {
      server = await startFakeHttp();
    });
    afterAll(async () => {
      await server.close();
    });

    const serve = (respond: FakeRoute["respond"]) => {
      server.requests.length = 0;
      server.setRoutes([...(contract.supportRoutes ?? []), { path: contract.path, respond }]);
    };
    const run = (http: Omit<HttpOptions, "provider"> = FAST_HTTP) => contract.call(contract.make(server.baseUrl, http));
    const failure = async (http?: Omit<HttpOptions, "provider">): Promise<ProviderError> => {
      const error = await run(http).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ProviderError);
      return error as ProviderError;
    };
    const dataRequests = () => server.requestsTo(contract.path);

    it("parses a successful answer", async () => {
      serve({ body: contract.success.body });
      contract.success.check(await run());
    });

    it("returns nothing for empty data", async () => {
      serve({ body: contract.empty.body });
      expect(await run()).toEqual(contract.empty.expected);
    });

    it("reports a body that is not JSON as malformed", async () => {
      serve({ body: "<html>oops</html>" });
      const error = await failure();
      expect(error.kind).toBe("malformed");
      expect(error.provider).toBe(contract.providerId);
      expect(error.path).toBe("(body)");
    });

    it("reports an unexpected shape as malformed, naming the provider and the field", async () => {
      serve({ body: contract.malformedShape.body });
      const error = await failure();
      expect(error.kind).toBe("malformed");
      expect(error.path).toBe(contract.malformedShape.path);
      expect(error.message).toContain(contract.providerId);
      expect(error.message).toContain(contract.malformedShape.path);
    });

    it("times out a slow answer", async () => {
      serve({ body: contract.success.body, delayMs: 500 });
      const error = await failure({ ...FAST_HTTP, timeoutMs: 50, retries: 0 });
      expect(error.kind).toBe("timeout");
    });

    it("reports 401 as unauthorised", async () => {
      serve({ status: 401, body: { error: "bad credentials" } });
      const error = await failure();
      expect(error.kind).toBe("unauthorised");
      expect(error.status).toBe(401);
    });

    it("waits for Retry-After on 429, then succeeds", async () => {
      serve([{ status: 429, headers: { "retry-after": "1" }, body: {} }, { body: contract.success.body }]);
      const started = Date.now();
      contract.success.check(await run());
      expect(Date.now() - started).toBeGreaterThanOrEqual(990);
      expect(dataRequests()).toHaveLength(2);
    });

    it("retries a 5xx and then succeeds", async () => {
      serve([{ status: 502, body: "bad gateway" }, { status: 503, body: {} }, { body: contract.success.body }]);
      contract.success.check(await run());
      expect(dataRequests()).toHaveLength(3);
    });

    it("gives up after the retries with server_error", async () => {
      serve({ status: 500, body: { error: "boom" } });
      const error = await failure();
      expect(error.kind).toBe("server_error");
      expect(error.status).toBe(500);
      expect(dataRequests()).toHaveLength(FAST_HTTP.retries! + 1);
    });
  });
}
