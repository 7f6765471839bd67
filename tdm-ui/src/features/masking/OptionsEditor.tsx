import type { JsonSchema } from "../../api/freeform";
import { Checkbox, SelectField, TextField } from "../../components/Field";
import { isScalarUnion, parseScalar, unwrapNullable } from "./maskingRules";

interface Props {
  schema: JsonSchema;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
  idPrefix: string;
}

function label(name: string, schema: JsonSchema): string {
  return schema.title ?? name.replace(/_/g, " ");
}

function numberOrText(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

/** Inputs for a transformer's options, drawn from the options' JSON schema. */
export function OptionsEditor({ schema, value, onChange, idPrefix }: Props) {
  const properties = Object.entries(schema.properties ?? {});
  if (properties.length === 0) return <p className="text-xs text-slate-500">This rule has no options.</p>;
  const set = (name: string, v: unknown) => onChange({ ...value, [name]: v });
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {properties.map(([name, raw]) => {
        const s = unwrapNullable(raw);
        const current = value[name];
        const hint = [s.description, s.default !== undefined ? `Default: ${JSON.stringify(s.default)}` : ""].filter(Boolean).join(" ");
        const key = `${idPrefix}-${name}`;
        if (s.type === "boolean") {
          return <Checkbox key={key} label={label(name, s)} hint={s.description} checked={Boolean(current ?? s.default)} onChange={(e) => set(name, e.target.checked)} />;
        }
        if (s.enum) {
          return <SelectField key={key} label={label(name, s)} hint={s.description} value={String(current ?? s.default ?? "")} placeholder="Default" options={s.enum.map((o) => ({ value: String(o), label: String(o) }))} onChange={(e) => set(name, e.target.value || undefined)} />;
        }
        if (s.type === "integer" || s.type === "number") {
          // Text that is not a number is kept as typed, so the check can name it instead of sending NaN.
          return (
            <TextField key={key} label={label(name, s)} hint={hint} inputMode="decimal" value={current === undefined ? "" : String(current)}
              onChange={(e) => set(name, numberOrText(e.target.value))} />
          );
        }
        if (isScalarUnion(s)) {
          return <TextField key={key} label={label(name, s)} hint={hint} value={current === undefined ? "" : String(current)} onChange={(e) => set(name, parseScalar(e.target.value))} />;
        }
        if (s.type === "array" || s.type === "object") {
          return (
            <TextField key={key} label={`${label(name, s)} (JSON)`} hint={hint} value={current === undefined ? "" : JSON.stringify(current)}
              onChange={(e) => {
                try {
                  set(name, e.target.value ? JSON.parse(e.target.value) : undefined);
                } catch {
                  set(name, e.target.value);
                }
              }} />
          );
        }
        return <TextField key={key} label={label(name, s)} hint={hint} value={current === undefined ? "" : String(current)} onChange={(e) => set(name, e.target.value || undefined)} />;
      })}
    </div>
  );
}
