/**
 * Job events over Server-Sent Events, read with fetch streaming because EventSource cannot send
 * the X-API-Key header, and parsed by eventsource-parser. Reconnects after a dropped connection,
 * resuming after the last event id.
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";

import { API_PREFIX, authHeaders, parseBody } from "./http";
import { networkError, toApiError } from "./problem";

export interface JobEvent {
  type: "progress" | "log" | "status" | string;
  stage?: string | null;
  done?: number | null;
  total?: number | null;
  message?: string | null;
  status?: string | null;
  level?: string | null;
}

export const TERMINAL_STATUSES = new Set(["succeeded", "failed", "cancelled"]);

interface FollowOptions {
  onEvent: (event: JobEvent) => void;
  signal: AbortSignal;
  retryDelayMs?: number;
  maxRetries?: number;
}

/** Feed one response's body to the parser until `onMessage` says the job ended (true) or the body ends. */
async function readStream(response: Response, onMessage: (m: EventSourceMessage) => boolean): Promise<boolean> {
  const reader = response.body?.getReader();
  if (!reader) return false;
  const decoder = new TextDecoder();
  let finished = false;
  const parser = createParser({
    onEvent: (message) => {
      if (!finished) finished = onMessage(message);
    },
  });
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    parser.feed(decoder.decode(value, { stream: true }));
    if (finished) {
      await reader.cancel();
      return true;
    }
  }
}

/** Follow a job's events until it ends or `signal` aborts; throws ApiError for HTTP errors. */
export async function followJobEvents(jobId: string, options: FollowOptions): Promise<void> {
  const { onEvent, signal, retryDelayMs = 1000, maxRetries = 5 } = options;
  let lastId: string | null = null;
  let failures = 0;
  while (!signal.aborted) {
    const headers = authHeaders({ Accept: "text/event-stream" });
    if (lastId) headers.set("Last-Event-ID", lastId);
    let finished = false;
    try {
      const response = await fetch(`${API_PREFIX}/job/${encodeURIComponent(jobId)}/events`, { headers, signal });
      if (!response.ok) throw toApiError(response.status, await parseBody(response));
      finished = await readStream(response, (message) => {
        if (message.id) lastId = message.id;
        const event = JSON.parse(message.data) as JobEvent;
        onEvent({ ...event, type: event.type ?? message.event ?? "message" });
        return event.type === "status" && TERMINAL_STATUSES.has(event.status ?? "");
      });
      failures = 0;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof Error && error.name === "ApiError") throw error;
      failures += 1;
      if (failures > maxRetries) throw networkError(error);
    }
    if (finished) return;
    await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
  }
}
