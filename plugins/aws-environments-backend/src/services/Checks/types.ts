import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { CheckFinding } from '@innovate/plugin-aws-environments-common';

/** What a check found worth telling the owner, before it is sent. */
export type Finding = Omit<CheckFinding, 'notified'>;

/** The view a finding links to (a tab of the environment's page). */
export type FindingView = CheckFinding['view'];

/** The notifications the checks send (the notification service's `send`). */
export interface CheckNotifier {
  send(options: NotificationSendOptions): Promise<void>;
}

/**
 * Which findings were already notified: one row per environment, kind and
 * period, claimed before sending so that two instances (or two runs) send
 * one notification.
 */
export interface CheckNotificationStore {
  /** True when this call claimed the key (nobody had sent it yet). */
  claim(key: NotificationKey): Promise<boolean>;
  /** Gives a claim back (the send failed), so a later run retries it. */
  release(key: NotificationKey): Promise<void>;
}

/** The deduplication key of a notification. */
export interface NotificationKey {
  environment: string;
  kind: string;
  period: string;
}
