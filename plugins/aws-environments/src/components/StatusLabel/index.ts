export { StatusLabel, StatusText, toneOf } from './StatusLabel';
export type { StatusTone } from './StatusLabel';
