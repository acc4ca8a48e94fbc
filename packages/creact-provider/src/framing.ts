// LSP-style framing of JSON-RPC messages: each message is `Content-Length: <bytes>\r\n\r\n` followed by
// that many bytes of UTF-8 JSON (other headers, such as Content-Type, are read and ignored).

const SEPARATOR = Buffer.from("\r\n\r\n", "ascii");

/** Splits a byte stream into messages; feed it chunks as they arrive. */
export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly onMessage: (message: unknown) => void,
              private readonly onError: (error: Error) => void) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(SEPARATOR);
      if (end < 0) {
        return;
      }
      const length = contentLength(this.buffer.subarray(0, end).toString("ascii"));
      if (length === undefined) {
        this.onError(new Error("a message without a Content-Length header"));
        this.buffer = this.buffer.subarray(end + SEPARATOR.length);
        continue;
      }
      const start = end + SEPARATOR.length;
      if (this.buffer.length < start + length) {
        return;
      }
      const body = this.buffer.subarray(start, start + length).toString("utf8");
      this.buffer = this.buffer.subarray(start + length);
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch (e) {
        this.onError(new Error("a message that is not JSON: " + (e as Error).message));
        continue;
      }
      this.onMessage(message);
    }
  }
}

function contentLength(headers: string): number | undefined {
  for (const line of headers.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === "content-length") {
      const n = Number(line.slice(colon + 1).trim());
      return Number.isInteger(n) && n >= 0 ? n : undefined;
    }
  }
  return undefined;
}

/** One framed message, ready to write. */
export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, "ascii"), body]);
}
