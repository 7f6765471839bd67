import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { useEndpointAvailable } from "../../api/capabilities";
import { workflows } from "../../api/endpoints";
import { usePermissions } from "../../auth/AuthProvider";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Card, PageHeader } from "../../components/Card";
import { NotAvailable } from "../../components/ProblemAlert";
import { QueryState } from "../../components/States";
import { Tabs } from "../../components/Tabs";
import { ReadOnlyNotice } from "../shared/ReadOnlyNotice";
import { applyTemplate, FULL_WORKFLOW, QUICK_SYNTHETIC, type WorkflowForm } from "./workflowForm";
import { WorkflowFormView } from "./WorkflowFormView";
import { WorkflowHistory } from "./WorkflowHistory";

type Tab = "quick" | "full" | "templates";

export function WorkflowsPage() {
  const { canRun } = usePermissions();
  const available = useEndpointAvailable("post", "/workflow/execute");
  const [tab, setTab] = useState<Tab>("quick");
  const [loaded, setLoaded] = useState<{ form: WorkflowForm; version: number } | null>(null);
  const templates = useQuery({ queryKey: ["workflow-templates"], queryFn: workflows.templates, enabled: tab === "templates", retry: false });
  return (
    <>
      <PageHeader title="Workflow orchestrator" description="Run several operations as one job: each step's output feeds the next." />
      {!available && <div className="mb-4"><NotAvailable feature="Workflows" /></div>}
      {!canRun && <div className="mb-4"><ReadOnlyNotice action="run workflows" /></div>}
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <Tabs label="Workflow modes" value={tab} onChange={setTab} tabs={[{ id: "quick", label: "Quick synthetic" }, { id: "full", label: "Full workflow" }, { id: "templates", label: "Templates" }]} />
          {tab === "quick" && <WorkflowFormView key="quick" initial={QUICK_SYNTHETIC} quick canRun={canRun && available} />}
          {tab === "full" && <WorkflowFormView key={`full-${loaded?.version ?? 0}`} initial={loaded?.form ?? FULL_WORKFLOW} quick={false} canRun={canRun && available} />}
          {tab === "templates" && (
            <QueryState query={templates} feature="Workflow templates" empty={(t) => t.length === 0} emptyTitle="No templates on this server">
              {(list) => (
                <ul className="grid gap-3 md:grid-cols-2">
                  {list.map((t) => (
                    <li key={t.name} className="flex flex-col rounded-md border border-slate-200 p-3">
                      <p className="font-medium text-slate-800">{t.title}</p>
                      {t.description && <p className="mt-0.5 text-sm text-slate-500">{t.description}</p>}
                      <div className="mt-2 flex flex-wrap gap-1">{t.steps.map((s) => <Badge key={s} tone="indigo">{s}</Badge>)}</div>
                      <Button variant="secondary" size="sm" className="mt-3 self-start" onClick={() => { setLoaded({ form: applyTemplate(t, FULL_WORKFLOW), version: (loaded?.version ?? 0) + 1 }); setTab("full"); }}>
                        Load template
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </QueryState>
          )}
        </Card>
        <Card title="Execution history"><WorkflowHistory /></Card>
      </div>
    </>
  );
}
