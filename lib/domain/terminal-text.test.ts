import { describe, expect, it } from "vitest";
import { asTerminalShows } from "./terminal-text";

describe("asTerminalShows", () => {
  it("drops colour codes, titles and links", () => {
    expect(asTerminalShows("\x1b[31mred\x1b[0m and \x1b[1;32mbold green\x1b[m")).toBe("red and bold green");
    expect(asTerminalShows("\x1b]0;title\x07ok \x1b]8;;https://x\x1b\\link\x1b]8;;\x1b\\")).toBe("ok link");
  });

  it("keeps a progress bar's last frame and every finished line", () => {
    expect(asTerminalShows("epoch 1\n 10%|#   |\r 50%|##  |\r100%|####|\ndone\n")).toBe("epoch 1\n100%|####|\ndone\n");
    // Windows line ends are line ends, not redraws.
    expect(asTerminalShows("a\r\nb\r\n")).toBe("a\nb\n");
  });

  it("leaves plain text alone", () => {
    const text = "plain: 42 g/kWh, 1.5 kWh\n\ttabbed\n";
    expect(asTerminalShows(text)).toBe(text);
  });
});
