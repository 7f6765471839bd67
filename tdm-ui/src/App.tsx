import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { BrowserRouter, Route, Routes } from "react-router";

import { ApiError } from "./api/problem";
import { AuthProvider, useAuth } from "./auth/AuthProvider";
import { clearApiKey } from "./auth/keyStore";
import { SignIn } from "./auth/SignIn";
import { Layout } from "./components/Layout";
import { Loading } from "./components/States";
import { ConnectionsPage } from "./features/connections/ConnectionsPage";
import { DashboardPage } from "./features/dashboard/DashboardPage";
import { DatasetDetailPage } from "./features/datasets/DatasetDetailPage";
import { DatasetsPage } from "./features/datasets/DatasetsPage";
import { EnvironmentsPage } from "./features/environments/EnvironmentsPage";
import { JobDetailPage } from "./features/jobs/JobDetailPage";
import { JobsPage } from "./features/jobs/JobsPage";
import { MaskingPage } from "./features/masking/MaskingPage";
import { NotFoundPage } from "./features/NotFoundPage";
import { PiiReviewPage } from "./features/pii_detection/PiiReviewPage";
import { ProvisionPage } from "./features/provisioning/ProvisionPage";
import { SchemaExplorerPage } from "./features/schema_discovery/SchemaExplorerPage";
import { SchemasPage } from "./features/schema_discovery/SchemasPage";
import { SubsetPage } from "./features/subsetting/SubsetPage";
import { SyntheticPage } from "./features/synthetic/SyntheticPage";
import { WorkflowsPage } from "./features/workflows/WorkflowsPage";

function makeQueryClient(): QueryClient {
  // A key revoked mid-session answers 401: drop it and go back to sign-in.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      clearApiKey();
      window.location.assign("/");
    }
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, error) => !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
    },
  });
}

function Routed() {
  const { state } = useAuth();
  if (state.status === "checking") return <Loading label="Checking your key…" />;
  if (state.status === "signed-out") return <SignIn />;
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<DashboardPage />} />
        <Route path="connections" element={<ConnectionsPage />} />
        <Route path="environments" element={<EnvironmentsPage />} />
        <Route path="schemas" element={<SchemasPage />} />
        <Route path="schemas/:schemaId" element={<SchemaExplorerPage />} />
        <Route path="pii" element={<PiiReviewPage />} />
        <Route path="masking" element={<MaskingPage />} />
        <Route path="subset" element={<SubsetPage />} />
        <Route path="synthetic" element={<SyntheticPage />} />
        <Route path="provision" element={<ProvisionPage />} />
        <Route path="datasets" element={<DatasetsPage />} />
        <Route path="datasets/:datasetId" element={<DatasetDetailPage />} />
        <Route path="jobs" element={<JobsPage />} />
        <Route path="jobs/:jobId" element={<JobDetailPage />} />
        <Route path="workflows" element={<WorkflowsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AuthProvider>
          <Routed />
        </AuthProvider>
      </BrowserRouter>
    </QueryClientProvider>
  );
}
