import { notificationsText } from './Sidebar';

describe('the notifications item of the sidebar', () => {
  it('says the unread count in its own text (its accessible name), capped at 99+', () => {
    expect(notificationsText(0)).toBe('Notifications');
    expect(notificationsText(4)).toBe('Notifications (4 new)');
    expect(notificationsText(150)).toBe('Notifications (99+ new)');
  });
});
