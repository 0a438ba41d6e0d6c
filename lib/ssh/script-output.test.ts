import { expect, test } from "vitest";
import { parseKeyValues, parseStatusOutput } from "./script-output";

const stat = (pid: number, state: string, pgrp = pid) =>
  `${pid} (sh) ${state} 1 ${pgrp} ${pgrp} 0 -1 4194560 100 0 0 0 1 1 0 0 20 0 1 0 12345 1000000 100 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0`;

test("parseKeyValues keeps = inside values", () => {
  expect(parseKeyValues("a=1\nb=x=y\nnoise\n").get("b")).toBe("x=y");
});

test.each([
  ["state=unknown", { state: "unknown" }],
  [`state=present\npid=10\nstat=${stat(10, "S")}`, { state: "running", pid: 10, paused: false }],
  [`state=present\npid=10\nstat=${stat(10, "T")}`, { state: "running", pid: 10, paused: true }],
  [`state=present\npid=10\nstat=${stat(10, "Z")}`, { state: "lost", pid: 10 }],
  [`state=present\npid=10\nstat=${stat(10, "S", 99)}`, { state: "lost", pid: 10 }],
  ["state=present\npid=10", { state: "lost", pid: 10 }],
  ["state=present", { state: "lost" }],
  ["state=present\npid=10\nexit=0", { state: "exited", exitCode: 0 }],
  [`state=present\npid=10\nstat=${stat(10, "S")}\nboot=a\nbootnow=a`, { state: "running", pid: 10, paused: false }],
  [`state=present\npid=10\nstat=${stat(10, "S")}\nboot=a\nbootnow=b`, { state: "lost", pid: 10 }],
  [`state=present\npid=10\nstat=${stat(10, "S")}\nboot=a\nbootnow=`, { state: "running", pid: 10, paused: false }],
  [`state=present\npid=10\nstat=${stat(10, "S")}\nexit=3`, { state: "exited", exitCode: 3 }],
  ["state=present\npid=10\nkilled=KILL\nexit=137", { state: "exited", exitCode: 137, killedBy: "KILL" }],
])("status of %j", (text, expected) => {
  expect(parseStatusOutput(text)).toEqual(expected);
});
