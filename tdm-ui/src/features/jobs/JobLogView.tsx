import { useEffect, useRef } from "react";

const LEVEL_COLOURS: Record<string, string> = { ERROR: "text-rose-400", WARNING: "text-amber-300", INFO: "text-slate-200", DEBUG: "text-slate-400" };

interface Line {
  stage?: string | null;
  level?: string | null;
  message: string;
  created_at?: string | null;
}

/** The job's log, newest at the bottom, kept scrolled to the end while it grows. */
export function JobLogView({ lines, live }: { lines: Line[]; live: boolean }) {
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (live) end.current?.scrollIntoView?.({ block: "nearest" });
  }, [lines.length, live]);
  return (
    <div role="log" aria-live="polite" aria-label="Job log" className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5">
      {lines.length === 0 && <p className="text-slate-400">No log lines yet.</p>}
      {lines.map((line, i) => (
        <p key={i} className={`whitespace-pre-wrap break-words ${LEVEL_COLOURS[(line.level ?? "INFO").toUpperCase()] ?? "text-slate-200"}`}>
          {line.created_at && <span className="text-slate-500">{new Date(line.created_at).toLocaleTimeString("en-GB")} </span>}
          {line.stage && <span className="text-sky-300">[{line.stage}] </span>}
          {line.message}
        </p>
      ))}
      <div ref={end} />
    </div>
  );
}
