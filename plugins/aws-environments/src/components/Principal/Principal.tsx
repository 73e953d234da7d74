import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';

const SERVICE_PREFIX = 'service:';

/** Props of {@link Principal}. */
export interface PrincipalProps {
  /**
   * Who: a catalog entity ref (`user:default/maria.garcia`,
   * `group:default/platform-team`) or a service principal (`service:<id>`).
   */
  principal: string;
  /**
   * Link an entity ref to its catalog page. Off inside other interactive
   * elements (an accordion's summary is a button). @defaultValue true
   */
  link?: boolean;
}

/**
 * A user, group or service, readably: an entity ref by its catalog display
 * name (a link to its page), a service principal as text (it has no page).
 */
export function Principal(props: PrincipalProps) {
  const { principal, link = true } = props;
  if (principal.startsWith(SERVICE_PREFIX)) {
    return <>service {principal.slice(SERVICE_PREFIX.length)}</>;
  }
  return link ? (
    <EntityRefLink entityRef={principal} hideIcon />
  ) : (
    <EntityDisplayName entityRef={principal} hideIcon disableTooltip />
  );
}
