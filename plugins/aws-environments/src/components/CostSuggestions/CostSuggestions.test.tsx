import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { CostSuggestions } from './CostSuggestions';

const suggestions = [
  {
    id: 'graviton',
    description: 'Use t4g.large',
    monthlySavingsUsd: 23.36,
    changes: [
      {
        field: 'cluster.applicationNodeGroup.instanceType',
        value: 't4g.large',
      },
    ],
  },
  {
    id: 'nat',
    description: 'Use one NAT gateway',
    monthlySavingsUsd: 68.4,
    changes: [],
  },
];

describe('CostSuggestions', () => {
  it('lists the largest saving first when over budget', async () => {
    await renderInTestApp(
      <CostSuggestions suggestions={suggestions} verdict="over" />,
    );
    const items = within(
      screen.getByRole('region', { name: 'Suggestions to save cost' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Saves about $68 a month: Use one NAT gateway',
      'Saves about $23 a month: Use t4g.large',
    ]);
  });

  it('links each suggestion with spec changes to the change that applies it', async () => {
    const applyLink = jest.fn(
      (changes: Array<{ field: string; value: unknown }>) =>
        `/create/apply?${changes.map(c => `${c.field}=${c.value}`).join('&')}`,
    );
    await renderInTestApp(
      <CostSuggestions
        suggestions={suggestions}
        verdict="over"
        applyLink={applyLink}
      />,
    );
    const links = screen.getAllByRole('link', { name: /^Apply/ });
    expect(links).toHaveLength(1);
    expect(links[0]).toHaveAccessibleName(
      'Apply: cluster.applicationNodeGroup.instanceType to t4g.large',
    );
    expect(links[0]).toHaveAttribute(
      'href',
      '/create/apply?cluster.applicationNodeGroup.instanceType=t4g.large',
    );
  });

  it('says when over budget without suggestions', async () => {
    await renderInTestApp(<CostSuggestions suggestions={[]} verdict="over" />);
    expect(
      screen.getByText('The cost model has no suggestions for this spec.'),
    ).toBeInTheDocument();
  });

  it('stays out of the way under budget, and near it without suggestions', async () => {
    await renderInTestApp(
      <>
        <CostSuggestions suggestions={suggestions} verdict="under" />
        <CostSuggestions suggestions={[]} verdict="near" />
      </>,
    );
    expect(
      screen.queryByRole('region', { name: 'Suggestions to save cost' }),
    ).toBeNull();
  });
});
