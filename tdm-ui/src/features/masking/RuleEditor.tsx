import type { Transformer as TransformerInfo } from "../../api/client";
import type { RuleEntry } from "../../api/freeform";
import { type SchemaSnapshot, tableKey } from "../../api/snapshot";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/Field";
import { columnCategory, optionsSchema, transformersFor } from "./maskingRules";
import { OptionsEditor } from "./OptionsEditor";

interface Props {
  rules: RuleEntry[];
  onChange: (rules: RuleEntry[]) => void;
  snapshot: SchemaSnapshot;
  transformers: TransformerInfo[];
  problems: Map<number, string[]>;
  readOnly: boolean;
}

/** The rule list: table.column → rule type with the type's options, one card per rule. */
export function RuleEditor({ rules, onChange, snapshot, transformers, problems, readOnly }: Props) {
  const tables = snapshot.tables.filter((t) => !t.partition_of && t.kind !== "view");
  const update = (index: number, patch: Partial<RuleEntry>) => onChange(rules.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-3">
      {rules.length === 0 && <p className="text-sm text-slate-500">No rules yet: start from the suggested rules or add one.</p>}
      {rules.map((rule, index) => {
        const table = tables.find((t) => tableKey(t.schema_name, t.name) === rule.table);
        const category = columnCategory(snapshot, rule.table, rule.column);
        const choices = transformersFor(category, transformers);
        const transformer = transformers.find((t) => t.name === rule.type);
        const issues = problems.get(index) ?? [];
        return (
          <fieldset key={index} disabled={readOnly} className={`rounded-md border p-3 ${issues.length ? "border-rose-300" : "border-slate-200"}`}>
            <legend className="px-1 text-xs font-medium text-slate-500">Rule {index + 1}{rule.table && rule.column ? ` · ${rule.table}.${rule.column}` : ""}</legend>
            <div className="grid gap-3 md:grid-cols-[1fr_1fr_1fr_auto] md:items-end">
              <SelectField label="Table" value={rule.table} placeholder="Choose table" options={tables.map((t) => ({ value: tableKey(t.schema_name, t.name), label: tableKey(t.schema_name, t.name) }))} onChange={(e) => update(index, { table: e.target.value, column: "" })} />
              <SelectField label="Column" value={rule.column} placeholder="Choose column" disabled={!table} options={(table?.columns ?? []).map((c) => ({ value: c.name, label: `${c.name} · ${c.type_category}` }))} onChange={(e) => update(index, { column: e.target.value })} />
              <SelectField label="Rule type" value={rule.type} placeholder="Choose rule" options={choices.map((t) => ({ value: t.name, label: t.name.replace(/^mask\./, "") }))} onChange={(e) => update(index, { type: e.target.value, options: {} })} />
              {!readOnly && <Button variant="ghost" onClick={() => onChange(rules.filter((_, i) => i !== index))} aria-label={`Remove rule ${index + 1}`}>Remove</Button>}
            </div>
            {transformer && (
              <div className="mt-3 space-y-2">
                <p className="text-xs text-slate-500">{transformer.description}</p>
                <OptionsEditor idPrefix={`rule-${index}`} schema={optionsSchema(transformer)} value={rule.options} onChange={(options) => update(index, { options })} />
              </div>
            )}
            {issues.length > 0 && (
              <ul className="mt-2 list-disc pl-5 text-xs text-rose-600">
                {issues.map((p) => <li key={p}>{p}</li>)}
              </ul>
            )}
          </fieldset>
        );
      })}
      {!readOnly && <Button variant="secondary" onClick={() => onChange([...rules, { table: "", column: "", type: "", options: {} }])}>Add rule</Button>}
    </div>
  );
}
