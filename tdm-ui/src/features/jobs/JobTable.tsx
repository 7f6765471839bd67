import { Link } from "react-router";

import type { JobOut } from "../../api/client";
import { StatusBadge } from "../../components/Badge";
import { durationBetween, formatDate, operationLabel, shortId } from "../../lib/format";

/** Jobs as a table on wide screens and as stacked cards on narrow ones. */
export function JobTable({ jobs }: { jobs: JobOut[] }) {
  return (
    <>
      <table className="hidden w-full text-left text-sm md:table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-3 font-medium">Job</th>
            <th className="py-2 pr-3 font-medium">Operation</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 font-medium">Started</th>
            <th className="py-2 pr-3 font-medium">Duration</th>
            <th className="py-2 font-medium">By</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {jobs.map((job) => (
            <tr key={job.id} className="hover:bg-slate-50">
              <td className="py-2 pr-3 font-mono text-xs">
                <Link to={`/jobs/${job.id}`} className="text-indigo-600 hover:underline">
                  {shortId(job.id)}
                </Link>
              </td>
              <td className="py-2 pr-3">{operationLabel(job.operation)}</td>
              <td className="py-2 pr-3">
                <StatusBadge status={job.status} />
              </td>
              <td className="py-2 pr-3 text-slate-600">{formatDate(job.started_at ?? job.created_at)}</td>
              <td className="py-2 pr-3 text-slate-600">{durationBetween(job.started_at, job.finished_at)}</td>
              <td className="py-2 text-slate-600">{job.user_id ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="space-y-2 md:hidden">
        {jobs.map((job) => (
          <li key={job.id}>
            <Link to={`/jobs/${job.id}`} className="block rounded-md border border-slate-200 p-3 hover:bg-slate-50">
              <div className="flex items-center justify-between gap-2">
                <span className="text-sm font-medium text-slate-800">{operationLabel(job.operation)}</span>
                <StatusBadge status={job.status} />
              </div>
              <p className="mt-1 text-xs text-slate-500">
                <span className="font-mono">{shortId(job.id)}</span> · {formatDate(job.started_at ?? job.created_at)}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
