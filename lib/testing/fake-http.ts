import { afterAll, beforeAll, beforeEach } from "vitest";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny local HTTP server for adapter tests: binds 127.0.0.1 on a free port, answers from a
 * route table, and records every request. A route with several responses plays them in order
 * and then repeats the last one, which is how "5xx then success" is scripted.
 */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else is JSON-encoded. */
  body?: unknown;
  /** Wait before answering (to provoke client timeouts). */
  delayMs?: number;
}

export interface FakeRoute {
  method?: string;
  /** Exact pathname (query ignored) or a pattern tested against the pathname. */
  path: string | RegExp;
  respond: FakeResponse | FakeResponse[];
}

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  at: number;
}

export interface FakeHttpServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replace the route table (and reset response sequences). */
  setRoutes(routes: FakeRoute[]): void;
  requestsTo(path: string | RegExp): RecordedRequest[];
  close(): Promise<void>;
}

export async function startFakeHttp(routes: FakeRoute[] = []): Promise<FakeHttpServer> {
  let table = routes;
  let played = new Map<FakeRoute, number>();
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ method: req.method ?? "GET", url, headers: req.headers, at: Date.now() });
    const route = table.find((candidate) => matches(candidate, req.method ?? "GET", url.pathname));
    if (!route) {
      send(res, { status: 404, body: { error: `no fake route for ${req.method} ${url.pathname}` } });
      return;
    }
    const response = nextResponse(route, played);
    if (!response.delayMs) {
      send(res, response);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) send(res, response);
    }, response.delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setRoutes(next) {
      table = next;
      played = new Map();
    },
    requestsTo(path) {
      return requests.filter((r) => (typeof path === "string" ? r.url.pathname === path : path.test(r.url.pathname)));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function matches(route: FakeRoute, method: string, pathname: string): boolean {
  if (route.method && route.method.toUpperCase() !== method.toUpperCase()) return false;
  return typeof route.path === "string" ? route.path === pathname : route.path.test(pathname);
}

function nextResponse(route: FakeRoute, played: Map<FakeRoute, number>): FakeResponse {
  const sequence = Array.isArray(route.respond) ? route.respond : [route.respond];
  const count = played.get(route) ?? 0;
  played.set(route, count + 1);
  return sequence[Math.min(count, sequence.length - 1)];
}

function send(res: ServerResponse, response: FakeResponse): void {
  const body = response.body === undefined ? "" : typeof response.body === "string" ? response.body : JSON.stringify(response.body);
  const headers = { "content-type": "application/json", ...response.headers };
  res.writeHead(response.status ?? 200, headers);
  res.end(body);
}

/**
 * One fake server for a describe block: started before its tests, closed after, its request
 * log cleared before each test. `use` receives the server once it is listening.
 */
export function useFakeHttp(use: (server: FakeHttpServer) => void): void {
  let server: FakeHttpServer | undefined;
  beforeAll(async () => {
    server = await startFakeHttp();
    use(server);
  });
  afterAll(async () => {
    await server?.close();
  });
  beforeEach(() => {
    if (server) server.requests.length = 0;
  });
}
