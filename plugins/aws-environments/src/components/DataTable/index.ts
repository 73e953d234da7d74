export { DataTable, RowHeaderCell } from './DataTable';
export type { DataTableColumn, DataTableProps } from './DataTable';
