import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import type {
  BudgetVerdict,
  CostSuggestion,
  SpecFieldValue,
} from '@innovate/plugin-aws-environments-common';
import { Link as RouterLink } from 'react-router-dom';
import { formatUsd } from '../../format';

/** Props of {@link CostSuggestions}. */
export interface CostSuggestionsProps {
  suggestions: CostSuggestion[];
  verdict: BudgetVerdict;
  /** Heading level of the list's title; 3 inside a card. */
  headingLevel?: 3 | 4;
  /**
   * The URL that applies a suggestion's spec changes (the change wizard);
   * without it, or for a suggestion without changes, no "Apply" link.
   */
  applyLink?: (changes: SpecFieldValue[]) => string;
}

/**
 * The cost model's suggestions, largest saving first. Shown when the
 * environment is over its budget, and when near it if there are any.
 */
export function CostSuggestions(props: CostSuggestionsProps) {
  const { suggestions, verdict, headingLevel = 3, applyLink } = props;
  if (verdict === 'under') {
    return null;
  }
  const sorted = [...suggestions].sort(
    (a, b) => b.monthlySavingsUsd - a.monthlySavingsUsd,
  );
  if (verdict === 'near' && sorted.length === 0) {
    return null;
  }
  return (
    <Box mt={2} component="section" aria-label="Suggestions to save cost">
      <Typography variant="h6" component={`h${headingLevel}`} gutterBottom>
        {verdict === 'over'
          ? 'Suggestions to get back under budget'
          : 'Suggestions to stay under budget'}
      </Typography>
      {sorted.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The cost model has no suggestions for this spec.
        </Typography>
      ) : (
        <ul>
          {sorted.map(suggestion => (
            <li key={suggestion.id}>
              <strong>
                Saves about {formatUsd(suggestion.monthlySavingsUsd)} a month:
              </strong>{' '}
              {suggestion.description}
              {applyLink && suggestion.changes.length > 0 && (
                <>
                  {' '}
                  <Link
                    component={RouterLink}
                    to={applyLink(suggestion.changes)}
                    aria-label={`Apply: ${suggestion.changes
                      .map(change => `${change.field} to ${change.value}`)
                      .join(', ')}`}
                  >
                    Apply
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Box>
  );
}
