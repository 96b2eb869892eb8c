import { z } from "zod";

// zod compiles fast parsers with `new Function` when it may, and probes for that with a call the
// CSP refuses (script-src has no 'unsafe-eval'), which the browser reports as a violation. Jitless
// parsing never asks.
z.config({ jitless: true });
