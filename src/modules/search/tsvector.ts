// The column type of a stored text-search vector: Drizzle has none, and the tables searched site-wide keep one each.
import { customType } from 'drizzle-orm/pg-core';

export const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
