import type { z } from "zod";
import { ApiError, toApiError } from "./problem";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface RequestOptions<S extends z.ZodType> {
  /** The schema the answer must match; omitted for 204 answers. */
  schema?: S;
  body?: unknown;
  /** A body sent as written (an automation's YAML or JSON text) with this content type, instead of `body` as JSON. */
  text?: { content: string; contentType: string };
  /** Every request can be aborted (audit finding 9): TanStack Query passes its signal here. */
  signal?: AbortSignal;
}

/**
 * The one fetch client of the app. The session is the gateway's HttpOnly `__Host-` cookie, sent by the
 * browser (`credentials: "same-origin"`); the app never sees or stores a token (audit finding 5). The
 * CSRF token is kept in memory only and sent on unsafe methods. Every answer is validated at run time
 * against its zod schema (audit finding 6), so the types the app uses are what the server said.
 */
class ApiClient {
  private csrfToken: string | null = null;
  private unauthorizedListener: (() => void) | null = null;

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  /** Called when a signed-in request answers 401: the session expired or was revoked. */
  onUnauthorized(listener: (() => void) | null): void {
    this.unauthorizedListener = listener;
  }

  get<S extends z.ZodType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    return this.send("GET", path, { schema, signal });
  }

  post<S extends z.ZodType>(path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    return this.send("POST", path, { schema, body, signal });
  }

  patch<S extends z.ZodType>(path: string, body: unknown, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
    return this.send("PATCH", path, { schema, body, signal });
  }

  async delete(path: string, signal?: AbortSignal): Promise<void> {
    await this.send("DELETE", path, { signal });
  }

  async send<S extends z.ZodType>(method: Method, path: string, options: RequestOptions<S>): Promise<z.infer<S>> {
    if (!path.startsWith("/api/")) {
      throw new Error(`Only /api paths are requested (got ${path}).`);
    }
    const headers = new Headers({ Accept: "application/json" });
    if (options.text !== undefined) {
      headers.set("Content-Type", options.text.contentType);
    } else if (options.body !== undefined) {
      headers.set("Content-Type", "application/json");
    }
    if (method !== "GET" && this.csrfToken !== null) {
      headers.set("X-CSRF-Token", this.csrfToken);
    }
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: options.text !== undefined ? options.text.content : options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
    if (!response.ok) {
      const error = await toApiError(response);
      if (response.status === 401 && !path.startsWith("/api/auth/")) {
        this.unauthorizedListener?.();
      }
      throw error;
    }
    if (options.schema === undefined) {
      return undefined as z.infer<S>;
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ApiError(response.status, "The answer was not JSON", path, {}, null);
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      throw new ApiError(response.status, "The answer did not match its schema", `${path}: ${parsed.error.message}`, {}, null);
    }
    return parsed.data;
  }
}

export const api = new ApiClient();
