import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";

import type { JobAccepted } from "../../api/client";

/** Start a job and open it in the job monitor, where its progress streams live. */
export function useSubmitJob<TInput>(start: (input: TInput) => Promise<JobAccepted>) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: start,
    onSuccess: async (accepted) => {
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
      navigate(`/jobs/${accepted.job_id}`);
    },
  });
}
