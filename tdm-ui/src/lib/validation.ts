/**
 * Client-side checks that mirror the API's request models (docs/openapi.json), so a form says
 * what is wrong before it is sent. The API stays the authority: it checks the same again.
 */
export type Errors<K extends string = string> = Partial<Record<K, string>>;

export const CONNECTION_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;
export const ENVIRONMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
export const RULE_SET_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/;

export function checkConnectionName(name: string): string | undefined {
  if (!name.trim()) return "Give the connection a name.";
  if (name.length > 255) return "At most 255 characters.";
  if (!CONNECTION_NAME.test(name)) return "Letters, digits, spaces, '_', '.' and '-'; start with a letter or digit.";
  return undefined;
}

export function checkEnvironmentName(name: string): string | undefined {
  if (!name.trim()) return "Give the environment a name (e.g. QA).";
  if (name.length > 50) return "At most 50 characters.";
  if (!ENVIRONMENT_NAME.test(name)) return "Letters, digits, '_' and '-'; start with a letter or digit.";
  return undefined;
}

/** A connection string as libpq takes it (a source's or an environment's target): a postgresql://
 * (or postgres://) URL, or key=value pairs such as `host=/var/run/postgresql dbname=shop`. The server
 * checks the rest (422 naming the part). Empty is an error unless the field is optional. */
export function checkConnectionString(value: string, required = true): string | undefined {
  const text = value.trim();
  if (!text) return required ? "Enter a connection string." : undefined;
  if (/[\u0000-\u001f\u007f]/.test(value)) return "Remove line breaks and other control characters.";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return /^postgres(ql)?(\+\w+)?:\/\//i.test(text) ? undefined : "Use a postgresql:// URL or key=value pairs.";
  }
  if (!/^\w+\s*=/.test(text)) return "Use a postgresql://user:password@host:port/database URL or key=value pairs (host=… dbname=…).";
  return /(^|\s)dbname\s*=/.test(text) ? undefined : "Name the database (dbname=…).";
}

export function checkHttpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? undefined : "Use an http:// or https:// URL.";
  } catch {
    return "Not a valid URL.";
  }
}

export function checkIntegerInRange(raw: string, min: number, max: number, label: string): string | undefined {
  if (raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) return `${label} must be a whole number.`;
  if (value < min || value > max) return `${label} must be between ${min.toLocaleString()} and ${max.toLocaleString()}.`;
  return undefined;
}

export function checkPercentage(raw: string): string | undefined {
  if (raw.trim() === "") return undefined;
  const value = Number(raw);
  if (Number.isNaN(value) || value < 0 || value > 100) return "Sampling is a percentage between 0 and 100.";
  return undefined;
}

export function hasErrors(errors: Errors): boolean {
  return Object.values(errors).some(Boolean);
}
