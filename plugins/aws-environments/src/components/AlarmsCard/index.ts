export { AlarmsCard } from './AlarmsCard';
export type { AlarmsCardProps } from './AlarmsCard';
export { formatThreshold, seedThresholdOf, sortAlarms } from './alarmFormat';
