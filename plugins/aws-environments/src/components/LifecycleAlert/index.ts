export {
  LifecycleAlert,
  lifecycleSummary,
  lifecycleTone,
} from './LifecycleAlert';
