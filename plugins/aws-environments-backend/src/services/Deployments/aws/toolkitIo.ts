import type {
  DeployConfirmationRequest,
  IIoHost,
  IoMessage,
  IoRequest,
  PermissionChangeType,
  StackActivity,
} from '@aws-cdk/toolkit-lib';
import type { NewDeploymentEvent } from '../../EnvironmentRegistry/types';
import type { DeploymentEventSink } from '../types';

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

/** toolkit-lib asks before deploying a stack's changes (data: the diff). */
const DEPLOY_CONFIRMATION = 'CDK_TOOLKIT_I5060';
/** toolkit-lib asks before destroying stacks. */
const DESTROY_CONFIRMATION = 'CDK_TOOLKIT_I7010';
/** toolkit-lib starts deleting one stack. */
const STACK_DELETION_START = 'CDK_TOOLKIT_I7100';
/** IAM statements or resource policies that grant more than before. */
const BROADENING: `${PermissionChangeType}` = 'broadening';

/** Who stands behind the change sets of one toolkit-lib deploy. */
export interface DeployApproval {
  /** The change sets are executed now (false: created for review only). */
  executes: boolean;
  /** A person reviewed and approved them. */
  approvedByPerson: boolean;
}

/** A security-sensitive change the host declined to deploy. */
export interface DeclinedSecurityChange {
  stackName: string;
  securityDiff: string;
}

/** toolkit-lib names a stack `Id (stack-name)` when the two differ. */
function stackNameOf(displayName: string): string {
  return /\(([^()]+)\)$/.exec(displayName)?.[1] ?? displayName;
}

/**
 * Streams toolkit-lib messages into the deployment's events and answers its
 * questions for the portal. Deploying changes (`CDK_TOOLKIT_I5060`) is
 * confirmed unless they widen IAM permissions or resource policies and are
 * about to be executed without a person's approval: then the answer is no,
 * toolkit-lib deletes the change set and aborts, and the change is kept in
 * {@link DeploymentIoHost.declined}. Destroying (`CDK_TOOLKIT_I7010`) is
 * confirmed: the person typed the environment's name. Other questions get
 * toolkit-lib's default answer.
 */
export class DeploymentIoHost implements IIoHost {
  /** Set when a security-sensitive change was declined. */
  declined?: DeclinedSecurityChange;

  constructor(
    private readonly events: DeploymentEventSink,
    private readonly approval: DeployApproval = {
      executes: true,
      approvedByPerson: false,
    },
    private readonly fence: () => Promise<void> = async () => {},
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    if (msg.code === STACK_DELETION_START) {
      // toolkit-lib confirms a destroy once for all stacks, then tells as
      // it starts each: fence there, so a lost run stops between stacks.
      await this.fence();
    }
    const event = toolkitMessageToEvent(msg);
    if (event) {
      await this.events.emit(event);
    }
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    await this.notify(msg);
    if (msg.code === DEPLOY_CONFIRMATION || msg.code === DESTROY_CONFIRMATION) {
      // Throws when the run lost its deployment: toolkit-lib stops there.
      await this.fence();
    }
    if (msg.code === DEPLOY_CONFIRMATION) {
      return (await this.confirmDeploy(
        msg as IoRequest<DeployConfirmationRequest, boolean>,
      )) as T;
    }
    if (msg.code === DESTROY_CONFIRMATION) {
      return true as T;
    }
    return msg.defaultResponse;
  }

  private async confirmDeploy(
    msg: IoRequest<DeployConfirmationRequest, boolean>,
  ): Promise<boolean> {
    const { executes, approvedByPerson } = this.approval;
    if (
      msg.data.permissionChangeType !== BROADENING ||
      !executes ||
      approvedByPerson
    ) {
      return true;
    }
    const [displayName = 'unknown'] = Object.keys(msg.data.templateDiffs);
    this.declined = {
      stackName: stackNameOf(displayName),
      securityDiff: msg.message.replace(ANSI_ESCAPES, '').trim(),
    };
    await this.events.emit({
      at: msg.time.toISOString(),
      level: 'warning',
      message:
        `${this.declined.stackName} widens IAM permissions or resource ` +
        "policies: not executing its change set without a person's approval",
      stack: this.declined.stackName,
    });
    return false;
  }
}
