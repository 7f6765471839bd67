import { useEffect, useState } from "react";

import { followJobEvents, type JobEvent, TERMINAL_STATUSES } from "../../api/sse";

export interface StageProgress {
  stage: string;
  done: number;
  total: number | null;
}

export interface LiveJob {
  status: string | null;
  stages: StageProgress[];
  logs: { stage?: string | null; level?: string | null; message: string }[];
  connected: boolean;
  error: unknown;
}

/** Fold one event into the live view: progress per stage, appended log lines, latest status. */
export function applyEvent(state: LiveJob, event: JobEvent): LiveJob {
  if (event.type === "progress" && event.stage) {
    const entry = { stage: event.stage, done: event.done ?? 0, total: event.total ?? null };
    const exists = state.stages.some((s) => s.stage === event.stage);
    return { ...state, stages: exists ? state.stages.map((s) => (s.stage === event.stage ? entry : s)) : [...state.stages, entry] };
  }
  if (event.type === "log" && event.message) {
    return { ...state, logs: [...state.logs, { stage: event.stage, level: event.level, message: event.message }].slice(-1000) };
  }
  if (event.type === "status" && event.status) return { ...state, status: event.status };
  return state;
}

const INITIAL: LiveJob = { status: null, stages: [], logs: [], connected: false, error: null };

/** Follow a job's Server-Sent Events while it has not ended; stops on unmount. */
export function useJobEvents(jobId: string, active: boolean): LiveJob {
  const [live, setLive] = useState<LiveJob>(INITIAL);
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    setLive({ ...INITIAL, connected: true });
    followJobEvents(jobId, { signal: controller.signal, onEvent: (event) => setLive((s) => applyEvent(s, event)) })
      .then(() => setLive((s) => ({ ...s, connected: false })))
      .catch((error: unknown) => setLive((s) => ({ ...s, connected: false, error })));
    return () => controller.abort();
  }, [jobId, active]);
  return live;
}

export const isTerminal = (status: string | null | undefined) => TERMINAL_STATUSES.has(status ?? "");
