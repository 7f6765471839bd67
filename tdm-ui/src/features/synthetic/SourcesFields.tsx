import { Button } from "../../components/Button";
import { FieldShell, TextField } from "../../components/Field";
import { readFiles, type SyntheticForm } from "./syntheticForm";

interface Props {
  form: SyntheticForm;
  set: (patch: Partial<SyntheticForm>) => void;
  errors: Partial<Record<string, string>>;
}

/** UI URLs, an API spec (URL or upload) and test-case files. */
export function SourcesFields({ form, set, errors }: Props) {
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">UI pages to crawl</legend>
        <div className="mt-1 space-y-2">
          {form.uiUrls.map((url, i) => (
            <div key={i} className="flex gap-2">
              <label className="sr-only" htmlFor={`ui-url-${i}`}>UI URL {i + 1}</label>
              <input id={`ui-url-${i}`} className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm" placeholder="https://app.example.com/register" value={url} onChange={(e) => set({ uiUrls: form.uiUrls.map((u, j) => (j === i ? e.target.value : u)) })} />
              <Button variant="ghost" aria-label={`Remove URL ${i + 1}`} onClick={() => set({ uiUrls: form.uiUrls.filter((_, j) => j !== i) })}>Remove</Button>
            </div>
          ))}
          <Button variant="secondary" size="sm" onClick={() => set({ uiUrls: [...form.uiUrls, ""] })}>Add URL</Button>
          {errors.uiUrls && <p className="text-xs font-medium text-rose-600">{errors.uiUrls}</p>}
        </div>
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2">
        <TextField label="API spec URL (OpenAPI / Swagger)" value={form.apiSpecUrl} onChange={(e) => set({ apiSpecUrl: e.target.value })} error={errors.apiSpecUrl} placeholder="https://api.example.com/openapi.json" />
        <FieldShell label="…or upload the spec" hint={form.apiSpec ? `${form.apiSpec.name} loaded` : "JSON or YAML"}>
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} type="file" accept=".json,.yaml,.yml" className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2" onChange={async (e) => { const [file] = e.target.files ? await readFiles(e.target.files) : []; set({ apiSpec: file ?? null }); }} />
          )}
        </FieldShell>
      </div>
      <FieldShell label="Test-case files" error={errors.testCaseFiles} hint={form.testCaseFiles.length ? form.testCaseFiles.map((f) => f.name).join(", ") : "Cucumber .feature, Playwright or Selenium scripts"}>
        {({ id, describedBy }) => (
          <input id={id} aria-describedby={describedBy} type="file" multiple accept=".feature,.js,.ts,.py,.java,.txt" className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2" onChange={async (e) => set({ testCaseFiles: e.target.files ? await readFiles(e.target.files) : [] })} />
        )}
      </FieldShell>
    </div>
  );
}
