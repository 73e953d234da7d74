export { SeedComparisonTable } from './SeedComparisonTable';
