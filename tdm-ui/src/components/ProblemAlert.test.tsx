import { render, screen } from "@testing-library/react";

import { ApiError, isEndpointMissing, toApiError } from "../api/problem";
import { ProblemAlert } from "./ProblemAlert";

describe("ProblemAlert", () => {
  it("shows the detail and the field of a problem", () => {
    const error = toApiError(422, { type: "https://tdm.dev/problems/invalid-request", title: "Invalid request", status: 422, detail: "name: String should match pattern", field: "name" });
    render(<ProblemAlert error={error} />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Invalid request");
    expect(alert).toHaveTextContent("name: String should match pattern");
    expect(alert).toHaveTextContent("Field: name");
  });

  it("lists every field error when there are several", () => {
    const error = toApiError(422, {
      type: "x", title: "Invalid request", status: 422, detail: "rules: 2 problems",
      errors: [{ field: "customers.email", message: "unknown column" }, { field: "orders.total", message: "mask.fpe_pan does not accept decimal columns" }],
    });
    render(<ProblemAlert error={error} />);
    const items = screen.getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[1]).toHaveTextContent("orders.total: mask.fpe_pan does not accept decimal columns");
  });

  it("says the server lacks the endpoint when the route is missing", () => {
    const missing = toApiError(404, { type: "about:blank", title: "Not found", status: 404, detail: "No such endpoint." });
    expect(isEndpointMissing(missing)).toBe(true);
    render(<ProblemAlert error={missing} />);
    expect(screen.getByRole("status")).toHaveTextContent("Not available on this server");
  });

  it("treats a missing record as an error, not a missing endpoint", () => {
    const notFound = toApiError(404, { type: "https://tdm.dev/problems/not-found", title: "Not found", status: 404, detail: "No schema with this id." });
    expect(isEndpointMissing(notFound)).toBe(false);
    render(<ProblemAlert error={notFound} />);
    expect(screen.getByRole("alert")).toHaveTextContent("No schema with this id.");
  });

  it("turns a non-problem body into a readable message", () => {
    const error = toApiError(502, "<html>bad gateway</html>");
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe("The server could not complete the request.");
  });
});
