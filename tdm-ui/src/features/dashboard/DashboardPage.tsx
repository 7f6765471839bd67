import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import { datasets } from "../../api/endpoints";
import { isEndpointMissing } from "../../api/problem";
import { useEnvironments, useJobs, useSchemas } from "../../api/queries";
import { Card, PageHeader } from "../../components/Card";
import { QueryState } from "../../components/States";
import { usePermissions } from "../../auth/AuthProvider";
import { JobTable } from "../jobs/JobTable";

function Stat({ label, value, to }: { label: string; value: string; to: string }) {
  return (
    <Link to={to} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-300">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold text-slate-900">{value}</p>
    </Link>
  );
}

function countOf(query: { data?: unknown[] | { total: number }; isPending: boolean; error: unknown }): string {
  if (query.error) return isEndpointMissing(query.error) ? "n/a" : "!";
  if (query.isPending || !query.data) return "…";
  return String(Array.isArray(query.data) ? query.data.length : query.data.total);
}

const QUICK_LINKS = [
  { to: "/subset", label: "Build a subset", text: "A referentially intact slice of production." },
  { to: "/synthetic", label: "Generate synthetic data", text: "From a domain pack, a spec or a UI." },
  { to: "/provision", label: "Provision an environment", text: "Load a dataset into QA, SIT, UAT…" },
  { to: "/workflows", label: "Run a workflow", text: "Discover → PII → subset → mask → provision." },
];

export function DashboardPage() {
  const { canRun } = usePermissions();
  const schemas = useSchemas();
  const environments = useEnvironments();
  const datasetPage = useQuery({ queryKey: ["datasets", "count"], queryFn: () => datasets.list({ limit: 1 }) });
  const recent = useJobs({ limit: 8 });
  const running = useJobs({ status: "running", limit: 1 });

  return (
    <>
      <PageHeader title="Dashboard" description="What the platform holds and what it is doing." />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Schemas" value={countOf(schemas)} to="/schemas" />
        <Stat label="Datasets" value={countOf(datasetPage)} to="/datasets" />
        <Stat label="Environments" value={countOf(environments)} to="/environments" />
        <Stat label="Running jobs" value={countOf(running)} to="/jobs?status=running" />
      </div>
      <div className="mt-5 grid gap-5 lg:grid-cols-3">
        <Card title="Recent jobs" className="lg:col-span-2" actions={<Link to="/jobs" className="text-sm text-indigo-600 hover:underline">All jobs</Link>}>
          <QueryState query={recent} empty={(page) => page.items.length === 0} emptyTitle="No jobs yet" emptyHint="Discover a schema to start.">
            {(page) => <JobTable jobs={page.items} />}
          </QueryState>
        </Card>
        <Card title={canRun ? "Quick links" : "Explore"}>
          <ul className="space-y-2">
            {(canRun ? QUICK_LINKS : [{ to: "/datasets", label: "Browse datasets", text: "Manifests, metadata and lineage." }, { to: "/schemas", label: "Explore schemas", text: "Tables, columns, PII and relationships." }]).map((link) => (
              <li key={link.to}>
                <Link to={link.to} className="block rounded-md border border-slate-200 px-3 py-2 hover:border-indigo-300 hover:bg-indigo-50/40">
                  <span className="text-sm font-medium text-indigo-700">{link.label}</span>
                  <span className="block text-xs text-slate-500">{link.text}</span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
