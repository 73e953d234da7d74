import type { StackActivity } from '@aws-cdk/toolkit-lib';
import type { NewDeploymentEvent } from '../../EnvironmentRegistry/types';

/** The fields of a toolkit-lib IoMessage this mapping reads. */
export interface ToolkitMessage {
  time: Date;
  level: 'error' | 'result' | 'warn' | 'info' | 'debug' | 'trace';
  code?: string;
  message: string;
  data?: unknown;
}

const STACK_ACTIVITY = 'CDK_TOOLKIT_I5502';

// eslint-disable-next-line no-control-regex
const ANSI_ESCAPES = /\u001b\[[0-9;]*m/g;

/**
 * Turns a toolkit-lib message into a deployment event, or undefined for the
 * debug chatter nobody reads in a deployment history.
 */
export function toolkitMessageToEvent(
  message: ToolkitMessage,
): NewDeploymentEvent | undefined {
  if (message.code === STACK_ACTIVITY && message.data) {
    const { event } = message.data as StackActivity;
    const status = event.ResourceStatus ?? 'UNKNOWN';
    const reason = event.ResourceStatusReason
      ? `: ${event.ResourceStatusReason}`
      : '';
    return {
      at: (event.Timestamp ?? message.time).toISOString(),
      level: status.includes('FAILED') ? 'error' : 'info',
      message: `${status} ${event.ResourceType ?? ''} ${
        event.LogicalResourceId ?? ''
      }${reason}`.replace(/\s+/g, ' '),
      ...(event.StackName ? { stack: event.StackName } : {}),
      ...(event.LogicalResourceId
        ? { logicalId: event.LogicalResourceId }
        : {}),
      resourceStatus: status,
    };
  }
  if (message.level === 'debug' || message.level === 'trace') {
    return undefined;
  }
  const text = message.message.replace(ANSI_ESCAPES, '').trim();
  if (!text) {
    return undefined;
  }
  let level: NewDeploymentEvent['level'] = 'info';
  if (message.level === 'error') {
    level = 'error';
  } else if (message.level === 'warn') {
    level = 'warning';
  }
  return { at: message.time.toISOString(), level, message: text };
}
