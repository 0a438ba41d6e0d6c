// Browser-side JSON client shared by the SWR hooks and forms.
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.error.message ?? `Request failed (${status})`);
  }
  get fields(): Record<string, string[]> {
    return this.body?.error.fields ?? {};
  }
}

export async function api<T>(url: string, init?: { method?: string; body?: unknown }): Promise<T> {
  const response = await fetch(url, {
    method: init?.method ?? "GET",
    headers: init?.body === undefined ? undefined : { "content-type": "application/json" },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body as ApiErrorBody | null);
  return body as T;
}

export const fetcher = <T>(url: string) => api<T>(url);
