/**
 * Builds an unmasked server-to-client WebSocket text frame by hand (RFC 6455 §5.2), so fault
 * injection can write part of one to the raw socket and cut the connection mid-frame, which
 * the `ws` library itself never does.
 */
export function textFrame(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  let header: Buffer;
  if (body.length < 126) {
    header = Buffer.from([0x81, body.length]);
  } else if (body.length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x81;
    header[1] = 126;
    header.writeUInt16BE(body.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(body.length), 2);
  }
  return Buffer.concat([header, body]);
}

/** The first `fraction` of a frame: a header that promises more bytes than will ever come. */
export function truncatedFrame(payload: string, fraction = 0.5): Buffer {
  const frame = textFrame(payload);
  const headerLength = frame[1]! === 127 ? 10 : frame[1]! === 126 ? 4 : 2;
  const cut = Math.max(headerLength + 1, Math.floor(frame.length * fraction));
  return frame.subarray(0, Math.min(cut, frame.length - 1));
}
