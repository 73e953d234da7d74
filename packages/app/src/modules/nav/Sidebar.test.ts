import { notificationsLabel } from './Sidebar';

describe('the notifications item of the sidebar', () => {
  it('names the unread count in its accessible name, capped at 99+', () => {
    expect(notificationsLabel(0)).toBe('Notifications');
    expect(notificationsLabel(4)).toBe('Notifications (4 unread)');
    expect(notificationsLabel(150)).toBe('Notifications (99+ unread)');
  });
});
