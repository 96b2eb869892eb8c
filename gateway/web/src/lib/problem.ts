import { z } from "zod";

/** RFC 7807 problem details, as every Jarvis service and the gateway answer errors. */
export const problemSchema = z.looseObject({
  type: z.string().nullish(),
  title: z.string().nullish(),
  status: z.union([z.number(), z.string()]).nullish(),
  detail: z.string().nullish(),
  errors: z.record(z.string(), z.array(z.string())).nullish(),
});

/** An API answer that was not a success, or one that did not match its schema. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | null,
    readonly fieldErrors: Record<string, string[]>,
    /** Seconds from a 429's or 503's Retry-After header. */
    readonly retryAfter: number | null,
  ) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = "ApiError";
  }

  get isRateLimited(): boolean {
    return this.status === 429;
  }

  /** What to tell a person: the title, the first field error, and how long to wait. */
  describe(): string {
    const field = Object.values(this.fieldErrors)[0]?.[0];
    const parts = [field ?? this.detail ?? this.title];
    if (this.retryAfter !== null) {
      parts.push(`Try again in ${this.retryAfter} s.`);
    }
    return parts.join(" ");
  }
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null || value.trim() === "") {
    return null;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim());
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's bare answer): the status says enough.
  }
  const problem = problemSchema.safeParse(body);
  const data = problem.success ? problem.data : null;
  return new ApiError(
    response.status,
    data?.title ?? (response.statusText || `HTTP ${response.status}`),
    data?.detail ?? null,
    data?.errors ?? {},
    retryAfter,
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    return error.describe();
  }
  if (error instanceof Error) {
    return error.message;
  }
  return "Something went wrong.";
}
