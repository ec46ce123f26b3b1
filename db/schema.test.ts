import { getTableColumns, getTableName, is, Table } from "drizzle-orm";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as postgres from "./schema/postgres";
import * as sqlite from "./schema/sqlite";

type Tables<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] };

function shape(schema: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([, value]) => is(value, Table))
      .map(([property, table]) => [
        property,
        {
          name: getTableName(table as Table),
          columns: Object.fromEntries(
            Object.entries(getTableColumns(table as Table)).map(([key, column]) => [
              key,
              { name: column.name, notNull: column.notNull, primary: column.primary, hasDefault: column.hasDefault, dataType: column.dataType },
            ]),
          ),
        },
      ]),
  );
}

describe("the data model on both engines", () => {
  it("has the same tables and columns, with the same names, nullability, keys and JavaScript types", () => {
    expect(shape(sqlite)).toEqual(shape(postgres));
  });

  it("reads and writes rows of the same TypeScript types", () => {
    type RowsOf<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends Table ? Tables<S>[K]["$inferSelect"] : never };
    type InsertsOf<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends Table ? Tables<S>[K]["$inferInsert"] : never };
    expectTypeOf<RowsOf<typeof sqlite>>().toEqualTypeOf<RowsOf<typeof postgres>>();
    expectTypeOf<InsertsOf<typeof sqlite>>().toEqualTypeOf<InsertsOf<typeof postgres>>();
  });
});
