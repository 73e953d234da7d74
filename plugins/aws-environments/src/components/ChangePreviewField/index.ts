export {
  ChangePreviewFieldSchema,
  type ChangePreviewFieldValue,
  type ChangePreviewState,
} from './changePreviewFieldSchema';
export { changePreviewFieldExtension } from './fieldExtension';
