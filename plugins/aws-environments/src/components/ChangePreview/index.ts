export {
  ChangePreview,
  losesData,
  type ChangePreviewProps,
} from './ChangePreview';
export { signedUsd } from './PreviewCostLines';
