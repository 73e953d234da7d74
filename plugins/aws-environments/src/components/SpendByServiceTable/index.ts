export { SpendByServiceTable, joinByService } from './SpendByServiceTable';
export type {
  ServiceRow,
  SpendByServiceTableProps,
} from './SpendByServiceTable';
