// Placeholder until the test database harness lands: integration suites call requireTestDatabase().
export default async function setup() {
  return async () => {};
}
