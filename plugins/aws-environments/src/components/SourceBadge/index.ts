export { SourceBadge } from './SourceBadge';
