/**
 * Properties of {@link EdgeWebAcl}.
 *
 * @public
 */
export interface EdgeWebAclProps {
  readonly webAclName: string;
  /** Requests per 5 minutes from one client IP before it is blocked. */
  readonly rateLimitPer5Minutes: number;
}
