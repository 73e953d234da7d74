import { useState } from 'react';
import Box from '@material-ui/core/Box';
import { DeploymentsCard } from '../DeploymentsCard';
import { DriftCard } from '../DriftCard';

/**
 * The Deployments tab: the drift of the stacks (with the redeployment that
 * reverts it) above the deployment history, which reloads once a
 * redeployment is queued.
 */
export function DeploymentsTab(props: { environment: string }) {
  const { environment } = props;
  const [queued, setQueued] = useState(0);
  return (
    <>
      <Box mb={3}>
        <DriftCard
          environment={environment}
          onRedeployed={() => setQueued(n => n + 1)}
        />
      </Box>
      <DeploymentsCard key={queued} environment={environment} />
    </>
  );
}
