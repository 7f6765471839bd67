import { Badge } from "../../components/Badge";
import { Card } from "../../components/Card";

/** Synthetic privacy figures, as tdm_agents.synthetic.privacy.PrivacyReport stores them. */
export interface TablePrivacy {
  rows_compared: number;
  columns_compared: number;
  exact_copy_rate: number;
  dcr_median: number;
  dcr_p05: number;
  closer_to_training_share?: number | null;
  membership_auc?: number | null;
  holdout_rows?: number;
}
export interface SyntheticPrivacy {
  per_table?: Record<string, TablePrivacy>;
  exact_copy_rate?: number | null;
  dcr_p05?: number | null;
  closer_to_training_share?: number | null;
  membership_auc?: number | null;
  note?: string | null;
}

/** A masked dataset's score, as tdm_agents.masking.privacy_score.MaskPrivacyScore stores it. */
export interface TableAnonymity {
  quasi_identifiers: string[];
  rows: number;
  groups: number;
  k: number;
  rows_below_threshold_share: number;
}
export interface MaskPrivacy {
  columns?: number | null;
  masked_share?: number | null;
  reviewed_share?: number | null;
  unknown_share?: number | null;
  k_anonymity?: Record<string, TableAnonymity>;
  k_min?: number | null;
  k_threshold?: number;
}

type Metadata = Record<string, unknown> | null | undefined;

export function syntheticPrivacyOf(metadata: Metadata): SyntheticPrivacy | null {
  const quality = (metadata?.quality_report ?? metadata?.quality ?? null) as { privacy?: SyntheticPrivacy | null } | null;
  return quality?.privacy ?? null;
}

export function maskPrivacyOf(metadata: Metadata): MaskPrivacy | null {
  return (metadata?.privacy_score ?? null) as MaskPrivacy | null;
}

const pct = (value: number) => `${(value * 100).toFixed(value > 0 && value < 0.01 ? 2 : 0)}%`;
const num = (value: number) => value.toFixed(3);

function Figure({ label, value, hint, tone }: { label: string; value: string; hint: string; tone?: "green" | "amber" | "red" }) {
  return (
    <div className="rounded-md border border-slate-100 p-2">
      <dt className="text-xs text-slate-500" title={hint}>{label}</dt>
      <dd className="mt-0.5 flex items-center gap-2 font-medium">{value}{tone && <Badge tone={tone}>{tone === "green" ? "ok" : tone === "amber" ? "check" : "risk"}</Badge>}</dd>
    </div>
  );
}

// Thresholds for the badges: copies and a near-perfect attacker are risks, drift from 0.5 deserves a look.
const copyTone = (rate: number) => (rate === 0 ? "green" : rate < 0.01 ? "amber" : "red");
const aucTone = (auc: number) => (auc <= 0.6 ? "green" : auc <= 0.75 ? "amber" : "red");
const shareTone = (share: number) => (share <= 0.6 ? "green" : share <= 0.75 ? "amber" : "red");
const kTone = (k: number, threshold: number) => (k >= threshold ? "green" : k > 1 ? "amber" : "red");

function SyntheticPanel({ privacy }: { privacy: SyntheticPrivacy }) {
  const tables = Object.entries(privacy.per_table ?? {});
  return (
    <div className="space-y-3">
      <dl aria-label="Synthetic privacy" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4 text-sm">
        {typeof privacy.exact_copy_rate === "number" && <Figure label="Exact copies of training rows" value={pct(privacy.exact_copy_rate)} hint="Share of synthetic rows equal to a training row (worst table)" tone={copyTone(privacy.exact_copy_rate)} />}
        {typeof privacy.dcr_p05 === "number" && <Figure label="Distance to closest record (5th pct.)" value={num(privacy.dcr_p05)} hint="Gower distance 0..1 from synthetic rows to their closest training row; 0 is a copy (worst table)" />}
        {typeof privacy.closer_to_training_share === "number" && <Figure label="Closer to training than holdout" value={pct(privacy.closer_to_training_share)} hint="About 50% when nothing was memorised (worst table)" tone={shareTone(privacy.closer_to_training_share)} />}
        {typeof privacy.membership_auc === "number" && <Figure label="Membership inference AUC" value={num(privacy.membership_auc)} hint="0.5: an attacker cannot tell training rows from holdout rows (worst table)" tone={aucTone(privacy.membership_auc)} />}
      </dl>
      {privacy.note && <p className="text-xs text-slate-500">{privacy.note}</p>}
      {tables.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500"><tr><th className="py-1 font-medium">Table</th><th className="py-1 text-right font-medium">Copies</th><th className="py-1 text-right font-medium">DCR median</th><th className="py-1 text-right font-medium">DCR 5th pct.</th><th className="py-1 text-right font-medium">Closer to training</th><th className="py-1 text-right font-medium">MIA AUC</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {tables.map(([name, t]) => (
              <tr key={name}><td className="py-1 font-mono">{name}</td><td className="py-1 text-right">{pct(t.exact_copy_rate)}</td><td className="py-1 text-right">{num(t.dcr_median)}</td><td className="py-1 text-right">{num(t.dcr_p05)}</td><td className="py-1 text-right">{typeof t.closer_to_training_share === "number" ? pct(t.closer_to_training_share) : "—"}</td><td className="py-1 text-right">{typeof t.membership_auc === "number" ? num(t.membership_auc) : "—"}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function MaskPanel({ score }: { score: MaskPrivacy }) {
  const threshold = score.k_threshold ?? 5;
  const tables = Object.entries(score.k_anonymity ?? {});
  const shares: [string, number | null | undefined, string][] = [
    ["Masked by a rule", score.masked_share, "bg-emerald-500"],
    ["Reviewed as not personal", score.reviewed_share, "bg-sky-400"],
    ["Unknown", score.unknown_share, "bg-amber-400"],
  ];
  return (
    <div className="space-y-3">
      {typeof score.masked_share === "number" && (
        <div>
          <div className="flex h-2 overflow-hidden rounded-full bg-slate-100" role="img" aria-label={`Columns: ${shares.map(([l, v]) => `${l} ${pct(v ?? 0)}`).join(", ")}`}>
            {shares.map(([label, value, color]) => <div key={label} className={color} style={{ width: pct(value ?? 0) }} />)}
          </div>
          <dl aria-label="Column coverage" className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
            {shares.map(([label, value]) => <div key={label} className="flex gap-2"><dt className="text-slate-500">{label}</dt><dd className="font-medium">{pct(value ?? 0)}</dd></div>)}
            {typeof score.columns === "number" && <div className="flex gap-2"><dt className="text-slate-500">Columns</dt><dd className="font-medium">{score.columns}</dd></div>}
          </dl>
        </div>
      )}
      {typeof score.k_min === "number" ? (
        <dl aria-label="k-anonymity" className="grid gap-2 text-sm sm:grid-cols-2">
          <Figure label="k-anonymity over quasi-identifiers" value={`k = ${score.k_min}`} hint={`Smallest group of rows sharing their quasi-identifier values; ${threshold} or more is the usual minimum`} tone={kTone(score.k_min, threshold)} />
        </dl>
      ) : <p className="text-sm text-slate-500">No quasi-identifier columns (dates of birth, postcodes, gender, city…) were found.</p>}
      {tables.length > 0 && (
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500"><tr><th className="py-1 font-medium">Table</th><th className="py-1 font-medium">Quasi-identifiers</th><th className="py-1 text-right font-medium">k</th><th className="py-1 text-right font-medium">Groups</th><th className="py-1 text-right font-medium">Rows in groups &lt; {threshold}</th></tr></thead>
          <tbody className="divide-y divide-slate-100">
            {tables.map(([name, t]) => <tr key={name}><td className="py-1 font-mono">{name}</td><td className="py-1 font-mono">{t.quasi_identifiers.join(", ")}</td><td className="py-1 text-right">{t.k}</td><td className="py-1 text-right">{t.groups}</td><td className="py-1 text-right">{pct(t.rows_below_threshold_share)}</td></tr>)}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The privacy card of the dataset page: synthetic figures or a masked dataset's score, if recorded. */
export function PrivacyScores({ metadata }: { metadata: Metadata }) {
  const synthetic = syntheticPrivacyOf(metadata);
  const masked = maskPrivacyOf(metadata);
  if (!synthetic && !masked) return null;
  return (
    <Card title="Privacy">
      {synthetic && <SyntheticPanel privacy={synthetic} />}
      {masked && <MaskPanel score={masked} />}
    </Card>
  );
}
