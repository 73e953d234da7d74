import Button from '@material-ui/core/Button';
import EditIcon from '@material-ui/icons/Edit';
import { Link as RouterLink } from 'react-router-dom';
import type { ChangeContext } from './changeLink';
import { useChangeLink } from './useChangeLink';

/**
 * "Change": opens the create-environment wizard prefilled with the
 * environment's spec in update mode, whose last step previews the change.
 * Shown only to those who may update the environment.
 */
export function ChangeButton(props: {
  environment: string;
  detail: ChangeContext;
}) {
  const link = useChangeLink(props.environment, props.detail);
  if (!link) {
    return null;
  }
  return (
    <Button
      variant="outlined"
      color="primary"
      startIcon={<EditIcon />}
      component={RouterLink}
      to={link()}
      // It navigates: a link that looks like a button (MUI says "button").
      role="link"
      aria-label={`Change environment ${props.environment}`}
    >
      Change
    </Button>
  );
}
