import { screen, within } from '@testing-library/react';
import { AlarmsCard } from './AlarmsCard';
import { fixtures, renderWithApi } from '../../__testUtils__';

function alarmRows() {
  const table = screen.getByRole('table', { name: 'CloudWatch alarms' });
  return within(table).getAllByRole('row').slice(1);
}

describe('AlarmsCard', () => {
  it('lists firing alarms first with their threshold beside the seed’s', async () => {
    renderWithApi(<AlarmsCard environment="innovate-prod" />, {
      getAlarmsView: async () => fixtures.alarmsViewFiring,
    });
    expect(await screen.findByText('2 of 5 alarms firing')).toBeInTheDocument();
    const rows = alarmRows();
    expect(rows.map(row => row.getAttribute('data-state'))).toEqual([
      'ALARM',
      'ALARM',
      'INSUFFICIENT_DATA',
      'OK',
      'OK',
    ]);
    const latency = within(rows[0]).getAllByRole('cell');
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent(
      'innovate-prod-api-p99-latency',
    );
    expect(latency[0]).toHaveTextContent('Firing');
    expect(latency[1]).toHaveTextContent('> 2 s');
    expect(latency[2]).toHaveTextContent('> 2 s');
    expect(latency[3]).toHaveTextContent(/3 datapoints/);
    expect(latency[4]).toHaveTextContent(/minutes? ago/);
  });

  it('marks thresholds that differ from the seed', async () => {
    renderWithApi(<AlarmsCard environment="innovate-prod" />, {
      getAlarmsView: async () => fixtures.alarmsView,
    });
    expect(
      await screen.findByText('None of 5 alarms firing'),
    ).toBeInTheDocument();
    const databaseCpu = alarmRows().find(row =>
      row.textContent?.includes('innovate-prod-db-cpu'),
    )!;
    const cells = within(databaseCpu).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('> 90%');
    expect(cells[2]).toHaveTextContent('> 80% (differs)');
  });

  it('shows only its own alarm on an alarm entity', async () => {
    renderWithApi(
      <AlarmsCard
        environment="innovate-prod"
        alarm={{ name: 'innovate-prod-node-cpu' }}
      />,
      { getAlarmsView: async () => fixtures.alarmsViewFiring },
    );
    expect(await screen.findByText('1 of 1 alarm firing')).toBeInTheDocument();
    expect(alarmRows()).toHaveLength(1);
    expect(screen.queryByText(/is not among the environment/)).toBeNull();
  });

  it('says so when an alarm entity’s alarm is not in the environment', async () => {
    renderWithApi(
      <AlarmsCard environment="innovate-prod" alarm={{ name: 'gone-alarm' }} />,
      { getAlarmsView: async () => fixtures.alarmsViewFiring },
    );
    expect(
      await screen.findByText(
        "Alarm gone-alarm is not among the environment's alarms; showing all of them.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('2 of 5 alarms firing')).toBeInTheDocument();
    expect(alarmRows()).toHaveLength(5);
  });

  it('says when there are no alarms', async () => {
    renderWithApi(<AlarmsCard environment="innovate-prod" />, {
      getAlarmsView: async () => ({ ...fixtures.alarmsView, alarms: [] }),
    });
    expect(
      await screen.findByText('The environment has no CloudWatch alarms.'),
    ).toBeInTheDocument();
  });

  it('shows when the view is stale', async () => {
    renderWithApi(<AlarmsCard environment="innovate-prod" />, {
      getAlarmsView: async () => ({
        ...fixtures.alarmsView,
        stale: true,
        staleReason: 'CloudWatch: Rate exceeded',
      }),
    });
    expect(
      await screen.findByText(/CloudWatch: Rate exceeded/),
    ).toBeInTheDocument();
  });
});
