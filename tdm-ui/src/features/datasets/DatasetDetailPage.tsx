import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router";

import type { DatasetDetail, LineageGraph as LineageGraphData, ManifestTable } from "../../api/client";
import { datasets } from "../../api/endpoints";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge, StatusBadge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { ProblemAlert } from "../../components/ProblemAlert";
import { QueryState } from "../../components/States";
import { formatBytes, formatCount, formatDate, shortId } from "../../lib/format";
import { comparisonsOf, DistributionChart } from "../synthetic/DistributionChart";
import { isExternalUrl, saveDownload } from "./download";
import { LineageGraph } from "./LineageGraph";
import { PrivacyScores } from "./PrivacyScores";

function Manifest({ tables }: { tables: ManifestTable[] }) {
  return (
    <table className="w-full text-left text-sm">
      <thead className="border-b border-slate-200 text-xs uppercase text-slate-500"><tr><th className="py-2 font-medium">Table</th><th className="py-2 text-right font-medium">Rows</th><th className="py-2 text-right font-medium">Size</th></tr></thead>
      <tbody className="divide-y divide-slate-100">
        {tables.map((t) => <tr key={t.name}><td className="py-1.5 font-mono text-xs">{t.name}</td><td className="py-1.5 text-right">{formatCount(t.rows)}</td><td className="py-1.5 text-right text-slate-500">{formatBytes(t.bytes)}</td></tr>)}
      </tbody>
    </table>
  );
}

function Downloads({ dataset }: { dataset: DatasetDetail }) {
  const files = useMutation({ mutationFn: () => datasets.files(dataset.id) });
  const download = useMutation({ mutationFn: (file: { url: string; table: string }) => saveDownload(file.url, `${file.table}.parquet`) });
  return (
    <div className="space-y-2">
      {!files.data && <Button variant="secondary" busy={files.isPending} onClick={() => files.mutate()}>Download files</Button>}
      {files.data && (
        <ul aria-label="Dataset files" className="space-y-1 text-sm">
          {files.data.map((f) => (
            <li key={f.table} className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate font-mono text-xs">{f.table}.parquet <span className="text-slate-400">{formatCount(f.rows)} rows · {formatBytes(f.bytes)}</span></span>
              {isExternalUrl(f.url)
                ? <a className="text-indigo-600 hover:underline" href={f.url} rel="noreferrer">Download</a>
                : <Button size="sm" variant="ghost" busy={download.isPending && download.variables?.table === f.table} onClick={() => download.mutate(f)} aria-label={`Download ${f.table}`}>Download</Button>}
            </li>
          ))}
        </ul>
      )}
      <ProblemAlert error={files.error ?? download.error} />
    </div>
  );
}

/** The column entries of this dataset (the graph also carries its neighbours'). */
function ownColumns(graph: LineageGraphData, datasetId: string) {
  return (graph.columns ?? []).filter((c) => c.dataset_version_id === datasetId);
}

function DatasetBody({ dataset }: { dataset: DatasetDetail }) {
  const { isAdmin, canRun } = usePermissions();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const lineage = useQuery({ queryKey: ["lineage", dataset.id], queryFn: () => datasets.lineage(dataset.id), retry: false });
  const remove = useMutation({
    mutationFn: () => datasets.remove(dataset.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["datasets"] });
      navigate("/datasets");
    },
  });
  const comparisons = comparisonsOf(dataset.metadata);
  const parents = (dataset.upstream ?? []).filter((e) => e.source_type === "dataset_version").map((e) => e.source_id);
  const openNode = (id: string, type: string) => {
    if (type === "dataset_version") navigate(`/datasets/${id}`);
    else if (type === "job") navigate(`/jobs/${id}`);
  };
  return (
    <div className="space-y-4">
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Dataset" className="lg:col-span-2">
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-500">Type</dt><dd><Badge tone="indigo">{dataset.source_type}</Badge></dd>
            <dt className="text-slate-500">Status</dt><dd><StatusBadge status={dataset.status} /></dd>
            <dt className="text-slate-500">Created</dt><dd>{formatDate(dataset.created_at)}{dataset.created_by ? ` by ${dataset.created_by}` : ""}</dd>
            <dt className="text-slate-500">Rows</dt><dd>{formatCount(dataset.row_count)} · {formatBytes(dataset.byte_size)}</dd>
            {dataset.job_id && <><dt className="text-slate-500">Job</dt><dd><Link className="font-mono text-xs text-indigo-600 hover:underline" to={`/jobs/${dataset.job_id}`}>{shortId(dataset.job_id)}</Link></dd></>}
            {parents.length > 0 && <><dt className="text-slate-500">Derived from</dt><dd className="flex flex-wrap gap-2">{parents.map((id) => <Link key={id} className="font-mono text-xs text-indigo-600 hover:underline" to={`/datasets/${id}`}>{shortId(id)}</Link>)}</dd></>}
          </dl>
        </Card>
        <Card title="Actions">
          <div className="space-y-3">
            <Downloads dataset={dataset} />
            {canRun && <Link to={`/provision?dataset=${dataset.id}`} className="inline-block text-sm font-medium text-indigo-600 hover:underline">Provision this dataset →</Link>}
            {isAdmin && (
              <div>
                <Button variant="danger" busy={remove.isPending} onClick={() => window.confirm("Delete this dataset version and its files? Lineage keeps a record.") && remove.mutate()}>Delete dataset</Button>
                <div className="mt-2"><ProblemAlert error={remove.error} /></div>
              </div>
            )}
          </div>
        </Card>
      </div>
      <PrivacyScores metadata={dataset.metadata} />
      <Card title="Lineage">
        <QueryState query={lineage} feature="Lineage">
          {(graph) => (
            <>
              <LineageGraph graph={graph} focusId={dataset.id} onOpen={openNode} />
              {ownColumns(graph, dataset.id).length > 0 && (
                <table className="mt-3 w-full text-left text-xs">
                  <thead className="text-slate-500"><tr><th className="py-1 font-medium">Column</th><th className="py-1 font-medium">Rule</th><th className="py-1 font-medium">Key id</th></tr></thead>
                  <tbody className="divide-y divide-slate-100">{ownColumns(graph, dataset.id).map((c) => <tr key={`${c.dataset_version_id}.${c.table_name}.${c.column_name}`}><td className="py-1 font-mono">{c.table_name}.{c.column_name}</td><td className="py-1">{c.rule_type}</td><td className="py-1 font-mono">{c.key_id ?? "—"}</td></tr>)}</tbody>
                </table>
              )}
            </>
          )}
        </QueryState>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Manifest">{dataset.tables?.length ? <Manifest tables={dataset.tables} /> : <p className="text-sm text-slate-500">No manifest recorded.</p>}</Card>
        <Card title="Metadata"><pre className="max-h-80 overflow-auto rounded-md bg-slate-50 p-3 text-xs">{JSON.stringify(dataset.metadata ?? {}, null, 2)}</pre></Card>
      </div>
      {comparisons.length > 0 && (
        <Card title="Real vs synthetic distributions"><div className="grid gap-3 md:grid-cols-2">{comparisons.map((c) => <DistributionChart key={`${c.table}.${c.column}`} comparison={c} />)}</div></Card>
      )}
    </div>
  );
}

export function DatasetDetailPage() {
  const { datasetId = "" } = useParams();
  const dataset = useQuery({ queryKey: ["dataset", datasetId], queryFn: () => datasets.get(datasetId), retry: false });
  return (
    <>
      <PageHeader title={dataset.data?.name ?? `Dataset ${shortId(datasetId)}`} description={<span className="font-mono text-xs">{datasetId}</span>} actions={<Link to="/datasets" className="text-sm text-indigo-600 hover:underline">← All datasets</Link>} />
      <QueryState query={dataset} feature="The dataset catalog">{(d) => <DatasetBody dataset={d} />}</QueryState>
    </>
  );
}
