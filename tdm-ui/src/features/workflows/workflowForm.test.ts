import type { WorkflowTemplate } from "../../api/client";
import { applyTemplate, FULL_WORKFLOW, QUICK_SYNTHETIC, toWorkflowRequest, validateWorkflow } from "./workflowForm";

const dbMigration: WorkflowTemplate = {
  name: "db_migration", title: "DB migration", description: "", requires: ["connection_id|schema_version_id", "target_env", "subset.root_table"],
  steps: ["discover_schema", "subsetting", "provisioning"], defaults: { subset: { sampling_pct: 100 }, provision: { mode: "drop_create" } },
};

describe("workflow form", () => {
  it("asks for what the template requires before sending", () => {
    const form = applyTemplate(dbMigration, FULL_WORKFLOW);
    expect(form.steps).toEqual(["discover_schema", "subsetting", "provisioning"]);
    expect(form.samplingPct).toBe("100");
    const errors = validateWorkflow(form);
    expect(errors.connection).toBeDefined();
    expect(errors.rootTable).toBe("Name the table the subset starts from (e.g. customers).");
    expect(errors.env).toBe("Provisioning needs a target environment.");
  });

  it("nests overrides per step as the API expects", () => {
    const form = { ...applyTemplate(dbMigration, FULL_WORKFLOW), connectionId: "c1", rootTable: " customers ", targetEnv: "CI", targetSchema: "wf_1" };
    expect(validateWorkflow(form)).toEqual({});
    expect(toWorkflowRequest(form)).toEqual({
      template: "db_migration",
      steps: ["discover_schema", "subsetting", "provisioning"],
      overrides: { connection_id: "c1", target_env: "CI", subset: { root_table: "customers", sampling_pct: 100 }, provision: { target_schema: "wf_1" } },
    });
  });

  it("sends synthetic rows as row counts of the pack's root entity", () => {
    expect(toWorkflowRequest(QUICK_SYNTHETIC).overrides).toEqual({ synthetic: { domain_pack: "ecommerce", row_counts: { customer: 1000 } } });
    expect(validateWorkflow({ ...QUICK_SYNTHETIC, targetSchema: "1bad" }).targetSchema).toBeDefined();
  });
});
