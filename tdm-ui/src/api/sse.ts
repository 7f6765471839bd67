/**
 * Job events over Server-Sent Events, read with fetch streaming because EventSource cannot send
 * the X-API-Key header. Reconnects after a dropped connection, resuming after the last event id.
 */
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

export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/** Split a text/event-stream into messages; returns the parsed messages and the unparsed rest. */
export function parseSseChunk(buffer: string): { messages: SseMessage[]; rest: string } {
  const normalized = buffer.replace(/\r\n?/g, "\n");
  const blocks = normalized.split("\n\n");
  const rest = blocks.pop() ?? "";
  const messages: SseMessage[] = [];
  for (const block of blocks) {
    let id: string | null = null;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (name === "id") id = value;
      else if (name === "event") event = value;
      else if (name === "data") data.push(value);
    }
    if (data.length > 0) messages.push({ id, event, data: data.join("\n") });
  }
  return { messages, rest };
}

export const TERMINAL_STATUSES = new Set(["succeeded", "failed", "cancelled"]);

interface FollowOptions {
  onEvent: (event: JobEvent) => void;
  signal: AbortSignal;
  retryDelayMs?: number;
  maxRetries?: number;
}

async function readStream(response: Response, onMessage: (m: SseMessage) => boolean): Promise<boolean> {
  const reader = response.body?.getReader();
  if (!reader) return false;
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += decoder.decode(value, { stream: true });
    const { messages, rest } = parseSseChunk(buffer);
    buffer = rest;
    for (const message of messages) {
      if (onMessage(message)) {
        await reader.cancel();
        return true;
      }
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
        onEvent({ ...event, type: event.type ?? message.event });
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
