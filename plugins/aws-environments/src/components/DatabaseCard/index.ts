export { DatabaseCard } from './DatabaseCard';
