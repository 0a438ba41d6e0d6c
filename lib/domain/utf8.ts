/** The longest prefix of `bytes` that does not end inside a multi-byte UTF-8 character. */
export function completeUtf8Prefix(bytes: Buffer): Buffer {
  // Walk back over at most 3 continuation bytes (10xxxxxx) to the lead byte.
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 4 && (bytes[i] & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return bytes;
  const lead = bytes[i];
  const needed = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return needed > continuation ? bytes.subarray(0, i) : bytes;
}
