import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";

import { api } from "../../api/client";
import { unwrap } from "../../api/http";
import { keys } from "../../api/queries";
import { Button } from "../../components/Button";
import { TextField } from "../../components/Field";
import { ProblemAlert } from "../../components/ProblemAlert";
import { checkConnectionName, checkConnectionString, type Errors, hasErrors } from "../../lib/validation";

/** Register a source database. The connection string is sent once and never shown again. */
export function ConnectionForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [errors, setErrors] = useState<Errors<"name" | "url">>({});
  const create = useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/connections", { body: { name: name.trim(), connection_string: url.trim() } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.connections });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { name: checkConnectionName(name), url: checkConnectionString(url) };
    setErrors(found);
    if (!hasErrors(found)) create.mutate();
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <div className="grid gap-3 md:grid-cols-2">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} placeholder="prod-replica" />
        <TextField
          label="Connection string"
          type="password"
          autoComplete="off"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.url}
          placeholder="postgresql://reader:…@db:5432/shop"
          hint="A postgresql:// URL (socket: postgresql://user@/db?host=/var/run/postgresql) or key=value pairs. Stored encrypted; never shown again."
        />
      </div>
      <ProblemAlert error={create.error} />
      <div className="flex gap-2">
        <Button type="submit" busy={create.isPending}>
          Save connection
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
