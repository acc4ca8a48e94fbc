import { test } from "node:test";
import assert from "node:assert/strict";
import { MessageReader, frame } from "creact-provider";

test("messages split across chunks and joined in one chunk are read whole, in order", () => {
  const got: unknown[] = [];
  const reader = new MessageReader(m => got.push(m), e => assert.fail(e.message));
  const bytes = Buffer.concat([frame({ a: "é" }), frame({ b: 2 }), frame([1, 2, 3])]);
  for (let i = 0; i < bytes.length; i += 7) {
    reader.push(bytes.subarray(i, i + 7));
  }
  assert.deepEqual(got, [{ a: "é" }, { b: 2 }, [1, 2, 3]]);
});

test("the length counts bytes, not characters; other headers are ignored", () => {
  const got: unknown[] = [];
  const body = Buffer.from(JSON.stringify({ s: "ünï" }), "utf8");
  const reader = new MessageReader(m => got.push(m), e => assert.fail(e.message));
  reader.push(Buffer.concat([Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`), body]));
  assert.deepEqual(got, [{ s: "ünï" }]);
});

test("a body that is not JSON is reported and the next message still read", () => {
  const got: unknown[] = [];
  const errors: string[] = [];
  const reader = new MessageReader(m => got.push(m), e => errors.push(e.message));
  reader.push(Buffer.concat([Buffer.from("Content-Length: 3\r\n\r\n{x}"), frame({ ok: true })]));
  assert.equal(errors.length, 1);
  assert.deepEqual(got, [{ ok: true }]);
});
