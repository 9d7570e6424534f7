import { type Column, getTableName, sql } from 'drizzle-orm';

// Drizzle leaves columns unqualified in the select list of a query over one table; inside a correlated subquery there
// they would bind to the subquery's own table, so a column that must say whose it is goes through here.
export const qualified = (column: Column) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
