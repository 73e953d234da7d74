import { CSSProperties, ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useElementId } from '../../hooks';

const useStyles = makeStyles(theme => ({
  table: {
    // A row the page is about (e.g. a node group's own entity page).
    '& tbody tr[aria-current="true"]': {
      backgroundColor: theme.palette.action.selected,
    },
  },
}));

/** One column of a {@link DataTable}. */
export interface DataTableColumn<T> {
  title: string;
  render: (row: T) => ReactNode;
  /** Right-aligned, for amounts and counts. */
  numeric?: boolean;
  /** Keep short values (names, statuses, regions) on one line. */
  noWrap?: boolean;
}

/** Props of {@link DataTable}. */
export interface DataTableProps<T> {
  /** Heading above the table; also the table's accessible name. */
  title: string;
  /** Level of the heading: 3 inside a card, 4 inside a section of one. */
  headingLevel?: 3 | 4;
  columns: DataTableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  emptyMessage?: string;
  /** Extra attributes of a row, e.g. to mark firing alarms. */
  rowProps?: (row: T) => Record<string, string> | undefined;
  /**
   * A totals row: the label heads it across the first columns, and the cells
   * (amounts) fill the last ones.
   */
  footer?: { label: string; cells: ReactNode[] };
}

const noWrap: CSSProperties = { whiteSpace: 'nowrap' };

/**
 * A small, accessible table: a heading that names it, column headers, and
 * the first cell of each row as the row header.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const {
    title,
    headingLevel = 3,
    columns,
    rows,
    rowKey,
    emptyMessage,
  } = props;
  const { rowProps, footer } = props;
  const classes = useStyles();
  const headingId = useElementId('table');
  const cellStyle = (column: DataTableColumn<T>) =>
    column.noWrap || column.numeric ? noWrap : undefined;
  return (
    <Box mt={2}>
      <Typography
        variant="h6"
        component={`h${headingLevel}`}
        id={headingId}
        gutterBottom
      >
        {title}
      </Typography>
      {rows.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {emptyMessage ?? 'None.'}
        </Typography>
      ) : (
        <Box style={{ overflowX: 'auto' }}>
          <Table
            size="small"
            aria-labelledby={headingId}
            className={classes.table}
          >
            <TableHead>
              <TableRow>
                {columns.map(column => (
                  <TableCell
                    key={column.title}
                    align={column.numeric ? 'right' : 'left'}
                    scope="col"
                    style={cellStyle(column)}
                  >
                    {column.title}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow key={rowKey(row)} {...rowProps?.(row)}>
                  {columns.map((column, index) =>
                    index === 0 ? (
                      <RowHeaderCell
                        key={column.title}
                        style={cellStyle(column)}
                      >
                        {column.render(row)}
                      </RowHeaderCell>
                    ) : (
                      <TableCell
                        key={column.title}
                        align={column.numeric ? 'right' : 'left'}
                        style={cellStyle(column)}
                      >
                        {column.render(row)}
                      </TableCell>
                    ),
                  )}
                </TableRow>
              ))}
              {footer && (
                <TableRow>
                  <RowHeaderCell colSpan={columns.length - footer.cells.length}>
                    <strong>{footer.label}</strong>
                  </RowHeaderCell>
                  {footer.cells.map((cell, index) => (
                    <TableCell key={index} align="right" style={noWrap}>
                      <strong>{cell}</strong>
                    </TableCell>
                  ))}
                </TableRow>
              )}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}

/**
 * The first cell of a body row: a `th` that heads its row. (MUI gives any
 * cell with a `component` the role `cell`; the role is set back here.)
 */
function RowHeaderCell(props: {
  children: ReactNode;
  colSpan?: number;
  style?: CSSProperties;
}) {
  return (
    <TableCell
      component="th"
      scope="row"
      role="rowheader"
      colSpan={props.colSpan}
      style={props.style}
    >
      {props.children}
    </TableCell>
  );
}
