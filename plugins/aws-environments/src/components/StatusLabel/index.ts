export { StatusLabel, toneOf } from './StatusLabel';
export type { StatusTone } from './StatusLabel';
