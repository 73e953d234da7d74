export { ChangeButton } from './ChangeButton';
export { useChangeLink } from './useChangeLink';
export { applySpecChanges, changeFormData, changeUrl } from './changeLink';
