import { useState } from 'react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { costEstimateFieldExtension } from '../src/components/CostEstimateField';
import { wizardInitialState, wizardManifest } from '../src/__testUtils__';

/**
 * The live cost field in scaffolder-react's own wizard, as in
 * `create-aws-environment`: change the node group or the budget and watch
 * the estimate; "Review" runs the field's validation.
 */
export function CostFieldPlayground() {
  const [submitted, setSubmitted] = useState<string>();
  return (
    <>
      <Stepper
        manifest={wizardManifest}
        initialState={wizardInitialState}
        extensions={[costEstimateFieldExtension]}
        onCreate={async values => setSubmitted(JSON.stringify(values, null, 2))}
      />
      {submitted && <pre aria-label="Submitted values">{submitted}</pre>}
    </>
  );
}
