// A job's log as a terminal would show it, for a log viewer that is not one. Pure.

// Colour and cursor sequences (CSI: ESC [ … final byte) and titles/links (OSC: ESC ] … BEL or ESC \).
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;
const OSC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;
const OTHER_ESCAPE = /\x1b[@-Z\\-_]/g;

/**
 * Without escape codes, and with each line as its last redraw: progress bars (tqdm, curl, pip)
 * rewrite a line after a carriage return, and a log of every frame is unreadable.
 */
export function asTerminalShows(text: string): string {
  const plain = text.replace(OSC, "").replace(CSI, "").replace(OTHER_ESCAPE, "");
  return plain
    .split("\n")
    .map((line) => {
      const frames = line.replace(/\r+$/, "").split("\r");
      return frames[frames.length - 1];
    })
    .join("\n");
}
