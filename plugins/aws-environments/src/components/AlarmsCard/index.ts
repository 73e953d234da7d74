export { AlarmsCard } from './AlarmsCard';
export type { AlarmsCardProps } from './AlarmsCard';
export { FiringAlarms, firingAlarms } from './FiringAlarms';
