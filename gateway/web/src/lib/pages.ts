import { z } from "zod";

/** int32/int64 fields may come as numbers or numeric strings (the OpenAPI documents allow both). */
export const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);

/** A page as every Jarvis list answers it: `{items, limit, nextBefore}`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), limit: integer, nextBefore: z.string().nullable() });
}

export interface Page<T> {
  items: T[];
  limit: number;
  nextBefore: string | null;
}
