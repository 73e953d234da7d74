export { EstimateLinesTable } from './EstimateLinesTable';
