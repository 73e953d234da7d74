import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type {
  PreviewResponse,
  ResourceChange,
} from '@innovate/plugin-aws-environments-common';
import { formatUsd, plural } from '../../format';
import { DataTable } from '../DataTable';
import { StatusLabel, type StatusTone } from '../StatusLabel';
import { PreviewChecks } from './PreviewChecks';
import { PreviewCostLines, signedUsd } from './PreviewCostLines';

/** Props of {@link ChangePreview}. */
export interface ChangePreviewProps {
  preview: PreviewResponse;
  /** Logical ids of stateful resources whose loss the user accepted. */
  accepted: string[];
  /** Called with the new accepted ids when a box is ticked; read-only without. */
  onAcceptedChange?: (accepted: string[]) => void;
  /** Level of the section headings: 4 inside a form section. */
  headingLevel?: 3 | 4;
  /** Labels of the cost lines by id (the proposed spec's estimate). */
  lineLabels?: Record<string, string>;
}

const ACTION_TONES: Record<ResourceChange['action'], StatusTone> = {
  add: 'ok',
  modify: 'warning',
  replace: 'error',
  remove: 'error',
};

/** A stateful resource whose change loses its data. */
export function losesData(change: ResourceChange): boolean {
  return (
    change.stateful &&
    (change.action === 'replace' || change.action === 'remove')
  );
}

function countsOf(changes: ResourceChange[]): string {
  const counts = (['add', 'modify', 'replace', 'remove'] as const)
    .map(action => ({
      action,
      count: changes.filter(c => c.action === action).length,
    }))
    .filter(({ count }) => count > 0)
    .map(({ action, count }) => `${count} to ${action}`);
  return counts.length ? counts.join(', ') : 'nothing changes';
}

function DataLossChoices(props: {
  changes: ResourceChange[];
  accepted: string[];
  onAcceptedChange?: (accepted: string[]) => void;
}) {
  const { changes, accepted, onAcceptedChange } = props;
  const losses = changes.filter(losesData);
  if (losses.length === 0 || !onAcceptedChange) {
    return null;
  }
  const toggle = (logicalId: string, checked: boolean) =>
    onAcceptedChange(
      checked
        ? [...new Set([...accepted, logicalId])]
        : accepted.filter(id => id !== logicalId),
    );
  return (
    <Box mt={1} role="group" aria-label="Data loss to accept">
      {losses.map(change => (
        <FormControlLabel
          key={`${change.stack}/${change.logicalId}`}
          control={
            <Checkbox
              checked={accepted.includes(change.logicalId)}
              onChange={event => toggle(change.logicalId, event.target.checked)}
            />
          }
          label={`I accept that ${change.logicalId} (${change.type}) is ${
            change.action === 'replace' ? 'replaced' : 'removed'
          } and its data lost`}
        />
      ))}
    </Box>
  );
}

/**
 * The preview of a change of an environment: what CloudFormation would add,
 * modify, replace or remove (replacements and removals marked as errors,
 * stateful ones as data loss), the order AWS applies it in, the cost
 * before and after by line, the checks before and after, and what blocks it.
 */
export function ChangePreview(props: ChangePreviewProps) {
  const { preview, accepted, onAcceptedChange, headingLevel = 4 } = props;
  const { lineLabels } = props;
  const { changes, cost, blocked, steps } = preview;
  return (
    <Box data-testid="change-preview">
      <Box aria-live="polite" aria-atomic="true">
        <Typography variant="body1" component="p">
          <strong>
            {plural(changes.length, 'resource')} change: {countsOf(changes)}.
          </strong>{' '}
          Monthly cost {formatUsd(cost.currentUsd)} →{' '}
          {formatUsd(cost.proposedUsd)} (
          <span data-testid="change-preview-delta">
            {signedUsd(cost.deltaUsd)} a month
          </span>
          ).
        </Typography>
      </Box>
      {blocked.length > 0 && (
        <Box mt={2}>
          <Alert severity="error">
            <AlertTitle>
              Blocked: {plural(blocked.length, 'reason')} stop this change
            </AlertTitle>
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {blocked.map(block => (
                <li key={`${block.field}:${block.reason}`}>
                  {block.field}: {block.reason}
                </li>
              ))}
            </ul>
          </Alert>
        </Box>
      )}
      <DataLossChoices
        changes={changes}
        accepted={accepted}
        onAcceptedChange={onAcceptedChange}
      />
      {steps.length > 0 && (
        <Box mt={2}>
          <Typography variant="h6" component={`h${headingLevel}`}>
            Order of the update
          </Typography>
          <ol style={{ marginTop: 4 }}>
            {steps.map(step => (
              <li key={step}>
                <Typography variant="body2">{step}</Typography>
              </li>
            ))}
          </ol>
        </Box>
      )}
      <DataTable<ResourceChange>
        title="Resource changes"
        headingLevel={headingLevel}
        rows={changes}
        rowKey={c => `${c.stack}/${c.logicalId}`}
        rowProps={c => ({ 'data-action': c.action })}
        emptyMessage="No resource changes: the templates stay as deployed."
        columns={[
          { title: 'Resource', render: c => c.logicalId },
          { title: 'Type', render: c => c.type, noWrap: true },
          {
            title: 'Action',
            noWrap: true,
            render: c => (
              <StatusLabel tone={ACTION_TONES[c.action]}>
                {`${c.action}${losesData(c) ? ' (data loss)' : ''}`}
              </StatusLabel>
            ),
          },
          {
            title: 'Properties',
            render: c => c.properties.join(', ') || '—',
          },
          { title: 'Stack', render: c => c.stack, noWrap: true },
        ]}
      />
      <PreviewCostLines
        cost={cost}
        headingLevel={headingLevel}
        lineLabels={lineLabels}
      />
      <PreviewChecks checks={preview.checks} headingLevel={headingLevel} />
    </Box>
  );
}
