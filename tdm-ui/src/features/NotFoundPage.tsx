import { Link } from "react-router";

import { Empty } from "../components/States";

export function NotFoundPage() {
  return (
    <Empty title="This page does not exist">
      <Link to="/" className="text-indigo-600 hover:underline">
        Back to the dashboard
      </Link>
    </Empty>
  );
}
