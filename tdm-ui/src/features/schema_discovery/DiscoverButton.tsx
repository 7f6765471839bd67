import { api } from "../../api/client";
import { unwrap } from "../../api/http";
import { Button } from "../../components/Button";
import { ProblemAlert } from "../../components/ProblemAlert";
import { useSubmitJob } from "../shared/useSubmitJob";

/** Start schema discovery on a stored connection and follow the job. */
export function DiscoverButton({ connectionId, label = "Discover schema" }: { connectionId: string; label?: string }) {
  const discover = useSubmitJob(async (id: string) =>
    unwrap(await api.POST("/api/v1/discover-schema", { body: { connection_id: id, include_stats: true, exact_counts: false, sample_size: 10000 } })),
  );
  return (
    <>
      <Button size="sm" busy={discover.isPending} onClick={() => discover.mutate(connectionId)}>
        {label}
      </Button>
      {discover.error !== null && (
        <div className="basis-full">
          <ProblemAlert error={discover.error} />
        </div>
      )}
    </>
  );
}
