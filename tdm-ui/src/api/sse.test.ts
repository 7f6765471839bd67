import { parseSseChunk } from "./sse";

describe("parseSseChunk", () => {
  it("splits complete messages and keeps the partial rest", () => {
    const { messages, rest } = parseSseChunk('id: 1-0\nevent: progress\ndata: {"type":"progress","done":5}\n\n: keep-alive\n\nevent: log\ndata: {"ty');
    expect(messages).toEqual([{ id: "1-0", event: "progress", data: '{"type":"progress","done":5}' }]);
    expect(rest).toBe('event: log\ndata: {"ty');
  });
});
