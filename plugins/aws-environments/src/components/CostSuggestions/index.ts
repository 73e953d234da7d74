export { CostSuggestions } from './CostSuggestions';
export type { CostSuggestionsProps } from './CostSuggestions';
