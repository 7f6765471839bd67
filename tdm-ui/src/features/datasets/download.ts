/** Downloads need the API key header, so files are fetched and handed to the browser as blobs. */
import { API_PREFIX, authHeaders, parseBody } from "../../api/http";
import { networkError, toApiError } from "../../api/problem";

function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function filenameFrom(response: Response, fallback: string): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const match = /filename="?([^";]+)"?/.exec(header);
  return match?.[1] ?? fallback;
}

/**
 * Fetch one file of a dataset with the API key and save it. The API streams it from a local
 * store, or redirects to a presigned object-store URL (which fetch follows).
 */
export async function saveDownload(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(path.startsWith("/api/") ? path : `${API_PREFIX}${path}`, { headers: authHeaders() });
  } catch (cause) {
    throw networkError(cause);
  }
  if (!response.ok) throw toApiError(response.status, await parseBody(response));
  saveBlob(await response.blob(), filenameFrom(response, fallbackName));
}

/** Presigned object-store URLs open directly; API paths are fetched with the key. */
export function isExternalUrl(url: string): boolean {
  return /^https?:\/\//.test(url) && !url.startsWith(window.location.origin);
}
