export { SpendByServiceTable } from './SpendByServiceTable';
export type { SpendByServiceTableProps } from './SpendByServiceTable';
