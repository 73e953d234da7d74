import Box from '@material-ui/core/Box';
import { Link } from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { EnvironmentHeader } from '../EnvironmentHeader';
import { EnvironmentView } from '../EnvironmentView';

/** One environment under `/aws-environments/:name`, with its tabs. */
export function EnvironmentPage() {
  const { name = '' } = useParams();
  return (
    <>
      <Box mb={1}>
        <Link to="..">All environments</Link>
      </Box>
      <EnvironmentHeader environment={name} />
      <EnvironmentView environment={name} />
    </>
  );
}
