import { useEffect, useRef } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { CostEstimate } from '@innovate/plugin-aws-environments-common';
import {
  formatDay,
  formatPercent,
  formatUsd,
  formatVerdict,
} from '../../format';
import { useElementId } from '../../hooks';
import { BudgetBar } from '../BudgetBar';
import { CostSuggestions } from '../CostSuggestions';
import { EstimateLinesTable } from '../EstimateLinesTable';
import type { CostEstimateFieldProps } from './costEstimateFieldSchema';
import { evaluateSpec, fieldValueOf, sameFieldValue } from './evaluateSpec';
import { describeFieldError, specFromFormData } from './specFromFormData';
import { VersionLifecycleWarning } from './VersionLifecycleWarning';

function EstimateSummary(props: { estimate: CostEstimate; outdated: boolean }) {
  const { estimate, outdated } = props;
  return (
    <Box>
      {/* Only the total and verdict are announced as they change, not the tables. */}
      <Box aria-live="polite" aria-atomic="true">
        <Typography
          variant="h5"
          component="p"
          data-testid="cost-estimate-total"
        >
          {formatUsd(estimate.totalMonthlyUsd)} a month
        </Typography>
        <Typography
          variant="body2"
          component="p"
          data-testid="cost-estimate-verdict"
        >
          {formatPercent(estimate.budgetShare)} of the{' '}
          {formatUsd(estimate.budgetUsd)} budget:{' '}
          {formatVerdict(estimate.verdict)}.
          {outdated
            ? ' (Estimate of the last valid input; fix the errors above to update it.)'
            : ''}
        </Typography>
      </Box>
      <Box mt={1}>
        <BudgetBar
          label="Estimated monthly cost against the budget"
          amountUsd={estimate.totalMonthlyUsd}
          budgetUsd={estimate.budgetUsd}
          verdict={estimate.verdict}
          hideCaption
        />
      </Box>
      <CostSuggestions
        suggestions={estimate.suggestions}
        verdict={estimate.verdict}
        headingLevel={4}
      />
      <EstimateLinesTable
        estimate={estimate}
        title="Estimate by line"
        headingLevel={4}
      />
      <Typography variant="caption" component="p">
        On-demand prices for {estimate.priceTable.region} as of{' '}
        {formatDay(estimate.priceTable.date, { year: true })}. The estimate
        covers the spec only; the deployment's real cost shows on the
        environment's Cost tab.
      </Typography>
    </Box>
  );
}

/**
 * Scaffolder field `AwsEnvironmentCostEstimate`: the estimated monthly cost
 * of the environment the wizard describes, by line and against the budget,
 * with the spec's validation errors, updated on every change. Validation
 * and the estimate run in the browser; nothing is sent per keystroke.
 */
export function CostEstimateField(props: CostEstimateFieldProps) {
  const { formContext, uiSchema, onChange, formData, schema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const headingId = useElementId('cost-field');
  const wizardData = (formContext as { formData?: unknown } | undefined)
    ?.formData;
  const specInput = specFromFormData(wizardData, options);
  const evaluation = evaluateSpec(specInput);
  const lastEstimate = useRef<CostEstimate>();
  if (evaluation.estimate) {
    lastEstimate.current = evaluation.estimate;
  }
  // Only fields that do not change the cost are left: the estimate is current.
  const costReady = evaluation.estimate !== undefined;
  const value = fieldValueOf(evaluation);

  useEffect(() => {
    if (!sameFieldValue(formData, value)) {
      onChange(value);
    }
    // The value is derived from the form data; comparing it avoids a loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value.valid, value.totalMonthlyUsd, value.budgetUsd, value.verdict]);

  return (
    <Box component="section" aria-labelledby={headingId} mt={1} mb={2}>
      <Typography variant="h6" component="h3" id={headingId}>
        {schema.title ?? 'Estimated monthly cost'}
      </Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary" component="p">
          {schema.description}
        </Typography>
      )}
      <Box mt={1}>
        <VersionLifecycleWarning spec={specInput} />
        {!evaluation.valid && (
          <Box mb={2}>
            <Alert severity={costReady ? 'info' : 'error'}>
              <AlertTitle>
                {evaluation.errors.length === 1
                  ? '1 field needs fixing'
                  : `${evaluation.errors.length} fields need fixing`}{' '}
                {costReady
                  ? 'before the environment can be created (they do not change the cost)'
                  : 'before the cost can be estimated'}
              </AlertTitle>
              <ul
                style={{ margin: 0, paddingLeft: 20 }}
                data-testid="cost-estimate-errors"
              >
                {evaluation.errors.map(error => (
                  <li key={`${error.field}:${error.message}`}>
                    {describeFieldError(error, options)}
                  </li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        {lastEstimate.current ? (
          <EstimateSummary
            estimate={lastEstimate.current}
            outdated={!costReady}
          />
        ) : null}
      </Box>
    </Box>
  );
}
