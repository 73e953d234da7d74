import type {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';

/**
 * How long before the user's token expires reads stop using it: longer than
 * one call, and than the wait for the catalog after a deployment (2 min).
 */
const EXPIRY_MARGIN_MS = 5 * 60_000;

/**
 * Credentials for reading a deployment the task started, for as long as it
 * runs, with a fresh plugin token minted per call by the backend client.
 *
 * The task's initiator credentials are the user's Backstage token as it was
 * when the task was created (kept in the task's secrets). It expires
 * (`auth.backstageTokenExpiration`: 1 h by default), and nothing in a task
 * can refresh it: that takes the user's browser session. Plugin tokens
 * minted on the user's behalf expire with it. So reads go as the user until
 * five minutes before the token expires, or until the backend rejects it
 * (401), and then as the scaffolder itself: a service token, which the
 * backend's read routes accept. Only reads: the deployment itself was
 * requested as the user, while the token was valid.
 */
export class DeploymentReadCredentials {
  private asScaffolder = false;

  constructor(
    private readonly options: {
      initiator: BackstageCredentials;
      auth: Pick<AuthService, 'getOwnServiceCredentials'>;
      logger: Pick<LoggerService, 'info'>;
    },
  ) {}

  /** The credentials for the next read. */
  async get(): Promise<BackstageCredentials> {
    const expiresAt = this.userTokenExpiresAt();
    if (expiresAt !== undefined && expiresAt - Date.now() < EXPIRY_MARGIN_MS) {
      this.switchToScaffolder(
        `expires at ${new Date(expiresAt).toISOString()}`,
      );
    }
    return this.asScaffolder
      ? this.options.auth.getOwnServiceCredentials()
      : this.options.initiator;
  }

  /**
   * Called when the backend rejected a read (401). True when that was the
   * user's token, and the next read goes as the scaffolder; false when
   * reads already went as the scaffolder, or the initiator is no user.
   */
  rejected(): boolean {
    if (this.asScaffolder || !this.initiatorUser()) return false;
    this.switchToScaffolder('was rejected');
    return true;
  }

  private switchToScaffolder(why: string) {
    if (this.asScaffolder) return;
    this.asScaffolder = true;
    this.options.logger.info(
      `The Backstage token of ${
        this.initiatorUser()?.userEntityRef
      } ${why}; reading on as the scaffolder`,
    );
  }

  private initiatorUser(): BackstageUserPrincipal | undefined {
    const { principal } = this.options.initiator;
    return (principal as { type?: string }).type === 'user'
      ? (principal as BackstageUserPrincipal)
      : undefined;
  }

  private userTokenExpiresAt(): number | undefined {
    const { expiresAt } = this.options.initiator;
    if (this.asScaffolder || !this.initiatorUser() || !expiresAt) {
      return undefined;
    }
    // The task stores the credentials as JSON, so expiresAt comes back as
    // an ISO string whatever its type says.
    return new Date(expiresAt).getTime();
  }
}
