/**
 * Compile-time proof that a zod schema's output is assignable to the type generated from a service's
 * committed OpenAPI document (src/lib/api-types): `const _: Conforms<Ours, Theirs> = true;` stops
 * compiling when the document changes a field the schema does not follow.
 */
export type Conforms<Ours, Theirs> = [Ours] extends [Theirs] ? true : never;
