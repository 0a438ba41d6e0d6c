/**
 * Bounds the copy of a run's log the caller stores (the remote log itself is just a file):
 * keeps the last `maxBytes`, since a failing job's last lines matter most. Bytes in, bytes
 * out; the kept window never starts inside a multi-byte UTF-8 character.
 */
export class LogTail {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) throw new RangeError(`maxBytes must be a positive integer: ${maxBytes}`);
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.maxBytes) this.trim();
  }

  /** Bytes dropped from the front so far. */
  get droppedBytes(): number {
    return this.dropped;
  }

  get bytes(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  text(): string {
    return this.bytes.toString("utf8");
  }

  private trim(): void {
    const all = Buffer.concat(this.chunks);
    let start = all.length - this.maxBytes;
    // Skip UTF-8 continuation bytes (10xxxxxx) so the window starts on a character.
    while (start < all.length && (all[start] & 0xc0) === 0x80) start++;
    this.chunks = [all.subarray(start)];
    this.dropped += start;
    this.size = all.length - start;
  }
}
