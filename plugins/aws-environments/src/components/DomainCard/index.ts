export { DomainCard } from './DomainCard';
