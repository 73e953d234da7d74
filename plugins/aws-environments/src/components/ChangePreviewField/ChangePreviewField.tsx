import { useEffect, useMemo, useState } from 'react';
import Box from '@material-ui/core/Box';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  estimateFromSpec,
  validateEnvironmentSpec,
} from '@innovate/plugin-aws-environments-common';
import { useElementId } from '../../hooks';
import { ChangePreview } from '../ChangePreview';
import {
  isObject,
  specFromFormData,
} from '../CostEstimateField/specFromFormData';
import type {
  ChangePreviewFieldProps,
  ChangePreviewFieldValue,
} from './changePreviewFieldSchema';
import { type PreviewResult, usePreview } from './usePreview';

function valueOf(
  mode: string,
  result: PreviewResult,
  acceptDataLoss: string[],
): ChangePreviewFieldValue {
  if (mode !== 'update') {
    return { state: 'create', acceptDataLoss: [], problems: [] };
  }
  switch (result.state) {
    case 'idle':
    case 'loading':
      return { state: 'loading', acceptDataLoss, problems: [] };
    case 'ready':
      return {
        state: 'ready',
        acceptDataLoss,
        problems: [],
        deltaUsd: result.preview.cost.deltaUsd,
      };
    case 'refused':
      return { state: 'refused', acceptDataLoss, problems: result.problems };
    default:
      return { state: result.state, acceptDataLoss, problems: [] };
  }
}

function PreviewBody(props: {
  name: string;
  result: PreviewResult;
  accepted: string[];
  onAcceptedChange: (accepted: string[]) => void;
  lineLabels: Record<string, string>;
}) {
  const { name, result, accepted, onAcceptedChange, lineLabels } = props;
  switch (result.state) {
    case 'idle':
      return (
        <Typography variant="body2" color="textSecondary">
          The preview shows once the spec on the previous steps is complete and
          valid.
        </Typography>
      );
    case 'loading':
      return (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
            <CircularProgress size={20} aria-hidden />
            <Typography variant="body2" role="status">
              {result.previous
                ? 'Updating the preview…'
                : 'Synthesizing the proposed templates and comparing them with the deployed ones…'}
            </Typography>
          </Box>
          {result.previous && (
            <ChangePreview
              preview={result.previous}
              accepted={accepted}
              onAcceptedChange={onAcceptedChange}
              lineLabels={lineLabels}
            />
          )}
        </>
      );
    case 'new':
      return (
        <Alert severity="info">
          No environment is named {name} yet: this creates it.
        </Alert>
      );
    case 'failed':
      return (
        <Alert severity="warning">
          <AlertTitle>The preview could not be computed</AlertTitle>
          {result.message} The deployment still checks the change before
          anything happens.
        </Alert>
      );
    case 'refused':
      return (
        <>
          {!result.preview && (
            <Alert severity="error">
              <AlertTitle>This change is refused</AlertTitle>
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {result.problems.map(problem => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Alert>
          )}
          {result.preview && (
            <ChangePreview
              preview={result.preview}
              accepted={accepted}
              onAcceptedChange={onAcceptedChange}
              lineLabels={lineLabels}
            />
          )}
        </>
      );
    default:
      return (
        <ChangePreview
          preview={result.preview}
          accepted={accepted}
          onAcceptedChange={onAcceptedChange}
          lineLabels={lineLabels}
        />
      );
  }
}

/**
 * Scaffolder field `AwsEnvironmentChangePreview`: when the wizard updates an
 * existing environment, the backend's preview of the change (resources
 * added, modified, replaced or removed; the cost by line; the checks before
 * and after; what blocks it), with a box to tick for each stateful resource
 * whose data would be lost. Its value carries the accepted losses to the
 * deploy step and stops the wizard while the change is refused.
 */
export function ChangePreviewField(props: ChangePreviewFieldProps) {
  const { formContext, uiSchema, onChange, formData, schema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const headingId = useElementId('change-preview');
  const wizardData = (formContext as { formData?: unknown } | undefined)
    ?.formData;
  const data = isObject(wizardData) ? wizardData : {};
  const mode = String(data[options.modeKey ?? 'mode'] ?? 'create');
  const [accepted, setAccepted] = useState<string[]>(
    formData?.acceptDataLoss ?? [],
  );
  const spec = useMemo(
    () => specFromFormData(wizardData, options),
    // The form data is a new object on every render; its JSON is what counts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(wizardData)],
  );
  const validation = useMemo(() => validateEnvironmentSpec(spec), [spec]);
  const valid = validation.ok;
  // The estimate's labels for the preview's cost lines (by id).
  const lineLabels = useMemo(
    () =>
      validation.ok
        ? Object.fromEntries(
            estimateFromSpec(validation.spec).lines.map(l => [l.id, l.label]),
          )
        : {},
    [validation],
  );
  const name = typeof spec.name === 'string' ? spec.name : undefined;
  const result = usePreview(
    mode === 'update' && valid ? name : undefined,
    valid ? spec : undefined,
    accepted,
  );
  const value = valueOf(mode, result, accepted);

  useEffect(() => {
    if (JSON.stringify(formData) !== JSON.stringify(value)) {
      onChange(value);
    }
    // The value is derived from the preview; comparing it avoids a loop.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(value)]);

  if (mode !== 'update') {
    return null;
  }
  return (
    <Box component="section" aria-labelledby={headingId} mt={1} mb={2}>
      <Typography variant="h6" component="h3" id={headingId}>
        {schema.title ?? 'Preview of the change'}
      </Typography>
      <Typography variant="body2" color="textSecondary" component="p">
        {schema.description ??
          `What deploying this spec changes in ${
            name ?? 'the environment'
          }, before anything happens.`}
      </Typography>
      <Box mt={1}>
        <PreviewBody
          name={name ?? ''}
          result={result}
          accepted={accepted}
          onAcceptedChange={setAccepted}
          lineLabels={lineLabels}
        />
      </Box>
    </Box>
  );
}
