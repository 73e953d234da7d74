import { ReactNode, useState } from 'react';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

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
  columns: DataTableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  emptyMessage?: string;
  /** Extra props of a row, e.g. to mark firing alarms. */
  rowProps?: (row: T) => Record<string, string>;
  /** Footer rows (totals). */
  footer?: ReactNode;
}

let nextTableId = 0;

/**
 * The first cell of a body row: a `th` that heads its row. (MUI gives any
 * cell with a `component` the role `cell`; the role is set back here.)
 */
export function RowHeaderCell(props: {
  children: ReactNode;
  colSpan?: number;
  noWrap?: boolean;
}) {
  return (
    <TableCell
      component="th"
      scope="row"
      role="rowheader"
      colSpan={props.colSpan}
      style={props.noWrap ? { whiteSpace: 'nowrap' } : undefined}
    >
      {props.children}
    </TableCell>
  );
}

/**
 * A small, accessible table: a heading that names it, column headers, and
 * the first cell of each row as the row header.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { title, columns, rows, rowKey, emptyMessage, rowProps, footer } =
    props;
  const classes = useStyles();
  const [headingId] = useState(() => `aws-environments-table-${++nextTableId}`);
  return (
    <Box mt={2}>
      <Typography variant="h6" component="h3" id={headingId} gutterBottom>
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
                    style={
                      column.noWrap || column.numeric
                        ? { whiteSpace: 'nowrap' }
                        : undefined
                    }
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
                      <RowHeaderCell key={column.title} noWrap={column.noWrap}>
                        {column.render(row)}
                      </RowHeaderCell>
                    ) : (
                      <TableCell
                        key={column.title}
                        align={column.numeric ? 'right' : 'left'}
                        style={
                          column.noWrap || column.numeric
                            ? { whiteSpace: 'nowrap' }
                            : undefined
                        }
                      >
                        {column.render(row)}
                      </TableCell>
                    ),
                  )}
                </TableRow>
              ))}
              {footer}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
}
