import type { SuggestedRules } from "../../api/client";

/** What "Start from suggested rules" added, and which columns got a different rule than usual (and why). */
export function SuggestionNotice({ suggested, added }: { suggested: SuggestedRules; added: number }) {
  const adjusted = Object.entries(suggested.adjusted ?? {});
  return (
    <div role="status" className="space-y-1 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
      <p>
        {added === 0
          ? "Every suggested column already has a rule."
          : `Added ${added} suggested rule${added === 1 ? "" : "s"} for columns without one.`}
      </p>
      {adjusted.length > 0 && (
        <ul className="list-disc pl-5 text-xs text-emerald-900">
          {adjusted.map(([target, reason]) => <li key={target}><span className="font-mono">{target}</span>: {reason}</li>)}
        </ul>
      )}
    </div>
  );
}
