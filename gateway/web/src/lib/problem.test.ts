import { ApiError, parseRetryAfter, toApiError } from "./problem";

describe("problem details", () => {
  it("reads Retry-After as seconds or as a date", () => {
    expect(parseRetryAfter("3")).toBe(3);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(5);
    expect(parseRetryAfter("soon")).toBeNull();
  });

  it("turns a 429 into an error that says how long to wait", async () => {
    const response = new Response(JSON.stringify({ title: "Too many requests", status: 429 }), {
      status: 429,
      headers: { "Content-Type": "application/problem+json", "Retry-After": "2" },
    });
    const error = await toApiError(response);
    expect(error.isRateLimited).toBe(true);
    expect(error.retryAfter).toBe(2);
    expect(error.describe()).toBe("Too many requests Try again in 2 s.");
  });

  it("names the first field error of a validation problem", async () => {
    const response = new Response(JSON.stringify({ title: "One or more validation errors occurred.", errors: { title: ["A title has at most 200 characters."] } }), { status: 400 });
    const error = await toApiError(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.describe()).toBe("A title has at most 200 characters.");
  });

  it("copes with a body that is not JSON", async () => {
    const error = await toApiError(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    expect(error.status).toBe(502);
    expect(error.title).toBe("Bad Gateway");
  });
});
