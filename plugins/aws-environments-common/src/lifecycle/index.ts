export * from './calendar';
export {
  lifecycleOf,
  lifecycleCalendarAgeDays,
  lifecycleCalendarStaleWarning,
} from './lifecycleOf';
export type {
  LifecycleKind,
  LifecycleOptions,
  SupportStatus,
  VersionLifecycle,
} from './lifecycleOf';
