import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api, type EnvironmentConfig, type EnvironmentOut } from "../../api/client";
import { PROVISION_MODES } from "../../api/enums";
import { unwrap } from "../../api/http";
import { keys } from "../../api/queries";
import { Button } from "../../components/Button";
import { Checkbox, SelectField, TextArea, TextField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { checkConnectionString, checkEnvironmentName, type Errors, hasErrors, SQL_IDENTIFIER } from "../../lib/validation";

type ResetMode = EnvironmentConfig["reset_mode"];

interface Props {
  existing?: EnvironmentOut;
  onDone: () => void;
}

/** Create an environment, or change an existing one's description, target and config. */
export function EnvironmentForm({ existing, onDone }: Props) {
  const queryClient = useQueryClient();
  const config = (existing?.config ?? {}) as Partial<EnvironmentConfig>;
  const [name, setName] = useState(existing?.name ?? "");
  const [description, setDescription] = useState(existing?.description ?? "");
  const [url, setUrl] = useState("");
  const [resetMode, setResetMode] = useState<ResetMode>(config.reset_mode ?? "truncate");
  const [targetSchema, setTargetSchema] = useState(config.target_schema ?? "public");
  const [isProtected, setProtected] = useState(config.protected ?? false);
  const [operatorsMay, setOperatorsMay] = useState((config.allowed_roles ?? ["admin", "operator"]).includes("operator"));
  const [tier, setTier] = useState<EnvironmentConfig["tier"]>(config.tier ?? "non_production");
  const [errors, setErrors] = useState<Errors<"name" | "url" | "schema">>({});

  const save = useMutation({
    mutationFn: async () => {
      const nextConfig: EnvironmentConfig = {
        ...(config as EnvironmentConfig),
        reset_mode: resetMode,
        target_schema: targetSchema,
        protected: isProtected,
        allowed_roles: operatorsMay ? ["admin", "operator"] : ["admin"],
        tier,
      };
      const secret = url.trim() || null;
      if (existing) {
        return unwrap(
          await api.PATCH("/api/v1/environments/{environment_id}", {
            params: { path: { environment_id: existing.id } },
            body: { description: description || null, config: nextConfig, ...(secret ? { connection_string: secret } : {}) },
          }),
        );
      }
      return unwrap(
        await api.POST("/api/v1/environments", {
          body: { name: name.trim(), description: description || null, connection_string: secret, config: nextConfig },
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.environments });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      name: existing ? undefined : checkEnvironmentName(name),
      url: checkConnectionString(url, false),
      schema: SQL_IDENTIFIER.test(targetSchema) ? undefined : "A schema name: letters, digits and '_', up to 63 characters.",
    };
    setErrors(found);
    if (!hasErrors(found)) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <TextField label="Name" value={name} disabled={Boolean(existing)} onChange={(e) => setName(e.target.value)} error={errors.name} placeholder="QA" />
        <TextField
          label={existing ? "New connection string (optional)" : "Target connection string"}
          type="password"
          autoComplete="off"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          hint={existing?.has_connection ? "A target is set; leave empty to keep it." : "A postgresql:// URL (socket: postgresql://user@/db?host=/var/run/postgresql) or key=value pairs. Stored encrypted; never shown again."}
        />
        <SelectField label="Default load mode" value={resetMode} onChange={(e) => setResetMode(e.target.value as ResetMode)} options={PROVISION_MODES.map((m) => ({ value: m, label: m.replace("_", " ") }))} />
        <TextField label="Target schema" value={targetSchema} onChange={(e) => setTargetSchema(e.target.value)} error={errors.schema} />
        <SelectField
          label="Tier"
          value={tier}
          onChange={(e) => setTier(e.target.value === "production" ? "production" : "non_production")}
          options={[{ value: "non_production", label: "Non-production (unmasked data needs an audited override)" }, { value: "production", label: "Production" }]}
        />
      </div>
      <TextArea label="Description" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={2000} />
      <div className="flex flex-wrap gap-6">
        <Checkbox label="Protected" hint="Only admins may provision into it." checked={isProtected} onChange={(e) => setProtected(e.target.checked)} />
        <Checkbox label="Operators may provision" checked={operatorsMay} onChange={(e) => setOperatorsMay(e.target.checked)} />
      </div>
      <ProblemAlert error={save.error} />
      <div className="flex gap-2">
        <Button type="submit" busy={save.isPending}>
          {existing ? "Save changes" : "Create environment"}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
