import pg from "pg";

/** Whether a PostgreSQL server answers at `url` (connects and disconnects). */
export async function databaseAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
