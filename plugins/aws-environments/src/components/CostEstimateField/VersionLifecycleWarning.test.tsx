import { render, screen } from '@testing-library/react';
import { VersionLifecycleWarning } from './VersionLifecycleWarning';

const at = new Date('2026-11-30T12:00:00Z');

describe('VersionLifecycleWarning', () => {
  it('warns that the seed’s 1.33 is in extended support and offers the newest standard version', () => {
    render(
      <VersionLifecycleWarning
        spec={{ cluster: { kubernetesVersion: '1.33' } }}
        at={at}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Kubernetes 1.33 is already in extended support (since 2026-07-29), which costs about $365 a month extra. The newest version in standard support is 1.35: choose it under “Kubernetes version”. 1.33 stays available',
    );
  });

  it('reads the seed’s versions when the wizard has not set them', () => {
    render(<VersionLifecycleWarning spec={{}} at={at} />);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('says nothing for versions in standard support', () => {
    const { container } = render(
      <VersionLifecycleWarning
        spec={{
          cluster: { kubernetesVersion: '1.35' },
          database: { engineVersion: '17' },
        }}
        at={at}
      />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('warns for PostgreSQL in extended support too', () => {
    render(
      <VersionLifecycleWarning
        spec={{
          cluster: { kubernetesVersion: '1.35' },
          database: { engineVersion: '15' },
        }}
        at={new Date('2028-06-01T00:00:00Z')}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'PostgreSQL 15 is already in extended support (since 2028-02-29), which costs an extra charge per vCPU-hour. The newest version in standard support is 17',
    );
  });
});
