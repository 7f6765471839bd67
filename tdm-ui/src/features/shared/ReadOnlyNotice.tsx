/** Shown instead of run buttons to a Viewer: the page stays useful for reading. */
export function ReadOnlyNotice({ action = "start jobs" }: { action?: string }) {
  return (
    <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-600">
      Your key has the viewer role: you can look around, but you cannot {action}.
    </p>
  );
}
