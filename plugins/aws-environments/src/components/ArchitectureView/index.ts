export { ArchitectureView } from './ArchitectureView';
export type { ArchitectureViewProps } from './ArchitectureView';
export { ArchitectureCard } from './ArchitectureCard';
