import { followJobEvents, type JobEvent } from "./sse";

/** A streamed text/event-stream response whose body arrives in the given chunks. */
function streamed(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

describe("followJobEvents", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("parses events split across chunks, skips keep-alives and resumes after the last id", async () => {
    const requests: Headers[] = [];
    const responses = [
      // The first connection drops before the job ends.
      streamed(['id: 1-0\nevent: progress\ndata: {"type":"progress","sta', 'ge":"load","done":5}\r\n\r\n: keep-alive\n\n']),
      streamed(['id: 2-0\nevent: log\ndata: {"type":"log","message":"read\\ncustomers"}\n\n', 'id: 3-0\ndata: {"type":"status","status":"succeeded"}\n\n']),
    ];
    vi.stubGlobal("fetch", (_url: string, init: RequestInit) => {
      requests.push(new Headers(init.headers));
      return Promise.resolve(responses.shift());
    });
    const events: JobEvent[] = [];
    await followJobEvents("job-1", { onEvent: (e) => events.push(e), signal: new AbortController().signal, retryDelayMs: 0 });
    expect(events).toEqual([
      { type: "progress", stage: "load", done: 5 },
      { type: "log", message: "read\ncustomers" },
      { type: "status", status: "succeeded" },
    ]);
    expect(requests.map((h) => h.get("Last-Event-ID"))).toEqual([null, "1-0"]);
    expect(requests[0]?.get("Accept")).toBe("text/event-stream");
  });

  it("gives up after the allowed number of failed connections", async () => {
    let calls = 0;
    vi.stubGlobal("fetch", () => {
      calls += 1;
      return Promise.reject(new TypeError("Failed to fetch"));
    });
    await expect(
      followJobEvents("job-1", { onEvent: () => undefined, signal: new AbortController().signal, retryDelayMs: 0, maxRetries: 2 }),
    ).rejects.toThrow();
    expect(calls).toBe(3);
  });
});
