import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import type { ArchitectureLinks } from './diagram/flowElements';
import { TAB_LABELS } from './diagram/flowElements';
import { describePart } from './diagram/PartNode';
import type { ArchitectureModel } from './model/types';

/**
 * The drawing in words: every layer with its parts (state, cost, links)
 * and every arrow, for screen readers and for anyone who prefers a list.
 */
export function ArchitectureList(props: {
  model: ArchitectureModel;
  links: ArchitectureLinks;
}) {
  const { model, links } = props;
  const kinds = new Map(model.parts.map(part => [part.id, part.kind]));
  return (
    <details>
      <summary>
        <Typography component="span" variant="body2">
          The architecture as a list
        </Typography>
      </summary>
      <Typography component="div" variant="body2">
        {model.layers.map(layer => (
          <section key={layer.id} aria-label={layer.label}>
            <Typography variant="subtitle2" component="h3">
              {layer.label}
              {layer.subnets
                ? ` (${model.vpcLabel}): ${layer.subnets.join(', ')}`
                : ''}
            </Typography>
            <ul>
              {model.parts
                .filter(part => part.layer === layer.id)
                .map(part => (
                  <li key={part.id}>
                    {describePart(part)}.{' '}
                    {part.entityRefs.map(ref => (
                      <span key={ref}>
                        <Link to={links.entityHref(ref)}>{ref}</Link>{' '}
                      </span>
                    ))}
                    {part.tab && (
                      <Link to={links.tabHref(part.tab)}>
                        {TAB_LABELS[part.tab]}
                      </Link>
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))}
        <Typography variant="subtitle2" component="h3">
          Connections
        </Typography>
        <ul>
          {model.edges.map(edge => (
            <li key={edge.id}>
              {kinds.get(edge.source)} → {kinds.get(edge.target)}: {edge.label}
            </li>
          ))}
        </ul>
      </Typography>
    </details>
  );
}
