import { expect, test } from "vitest";
import { LogTail } from "./log-tail";

test("keeps everything under the bound", () => {
  const tail = new LogTail(100);
  tail.push(Buffer.from("abc"));
  tail.push(Buffer.from("def"));
  expect(tail.text()).toBe("abcdef");
  expect(tail.droppedBytes).toBe(0);
});

test("keeps the last bytes and counts what it dropped", () => {
  const tail = new LogTail(5);
  for (const part of ["0123", "4567", "89"]) tail.push(Buffer.from(part));
  expect(tail.text()).toBe("56789");
  expect(tail.droppedBytes).toBe(5);
});

test("never starts inside a multi-byte character", () => {
  const tail = new LogTail(4);
  // "é" is 2 bytes, "✓" is 3: the last 4 bytes would start inside the "✓".
  tail.push(Buffer.from("aé✓"));
  expect(tail.text()).toBe("✓");
  expect(tail.bytes.length).toBe(3);
  expect(tail.droppedBytes).toBe(3);
});

test("accepts chunks split inside a character", () => {
  const bytes = Buffer.from("ab✓cd");
  const tail = new LogTail(1000);
  tail.push(bytes.subarray(0, 3));
  tail.push(bytes.subarray(3));
  expect(tail.text()).toBe("ab✓cd");
});

test.each([0, -1, 1.5])("rejects maxBytes %s", (max) => {
  expect(() => new LogTail(max)).toThrow(RangeError);
});
