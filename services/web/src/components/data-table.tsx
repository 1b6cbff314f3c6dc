import { useMemo, useState, type ReactNode, type TdHTMLAttributes, type HTMLAttributes } from 'react';

export type DataAttributes = { [key: `data-${string}`]: string | number | boolean | undefined };
export type SortDirection = 'asc' | 'desc';
export type SortValue = string | number | null | undefined;

export interface Column<T> {
  /** Unique among the columns; the sort key. */
  key: string;
  header: ReactNode;
  /** The cell's content. */
  render(row: T): ReactNode;
  /** Present: the column sorts by this value (nulls last in either direction). */
  sortValue?(row: T): SortValue;
  align?: 'left' | 'right' | 'center';
  /** Header tooltip. */
  title?: string;
  /** Extra attributes of each `<td>` (class, title, data-testid…). */
  cellProps?(row: T): TdHTMLAttributes<HTMLTableCellElement> & DataAttributes;
  /** Renders the whole cell (e.g. an EfficiencyCell) instead of a `<td>` around `render`. */
  renderCell?(row: T): ReactNode;
  width?: string;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  /** Attributes of each `<tr>` (data-testid, data-* ids, class). */
  rowProps?(row: T): HTMLAttributes<HTMLTableRowElement> & DataAttributes;
  /** Sort on first render; the user's choice is kept afterwards, and in `sort`/`onSortChange` if controlled. */
  initialSort?: { key: string; direction: SortDirection };
  sort?: { key: string; direction: SortDirection };
  onSortChange?(sort: { key: string; direction: SortDirection }): void;
  /** Shown in one full-width row when there are no rows. */
  empty?: ReactNode;
  testId?: string;
  className?: string;
  caption?: ReactNode;
  /** A click or Enter on a row selects it (rows become focusable); `selectedKey` is highlighted. */
  onRowSelect?(row: T): void;
  selectedKey?: string;
}

function compare(a: SortValue, b: SortValue): number {
  const an = a === null || a === undefined || (typeof a === 'number' && Number.isNaN(a));
  const bn = b === null || b === undefined || (typeof b === 'number' && Number.isNaN(b));
  if (an || bn) {
    return an === bn ? 0 : an ? 1 : -1;
  }
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** A dense table whose columns with a `sortValue` sort on a click of their header (a button: keyboard works). */
export function DataTable<T>(props: DataTableProps<T>) {
  const { columns, rows, rowKey, rowProps, empty, testId, className, caption, onRowSelect, selectedKey } = props;
  const [ownSort, setOwnSort] = useState(props.initialSort);
  const sort = props.sort ?? ownSort;

  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    if (!sort || !col?.sortValue) {
      return rows;
    }
    const get = col.sortValue;
    const sign = sort.direction === 'asc' ? 1 : -1;
    return rows
      .map((row, i) => ({ row, i, v: get(row) }))
      .sort((x, y) => {
        const nx = x.v === null || x.v === undefined;
        const ny = y.v === null || y.v === undefined;
        if (nx !== ny) {
          return nx ? 1 : -1; // nulls last both ways
        }
        return sign * compare(x.v, y.v) || x.i - y.i;
      })
      .map((x) => x.row);
  }, [rows, columns, sort]);

  const toggle = (key: string) => {
    const next: { key: string; direction: SortDirection } =
      sort?.key === key ? { key, direction: sort.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' };
    setOwnSort(next);
    props.onSortChange?.(next);
  };

  return (
    <div className="table-wrap">
      <table className={`data-table${className ? ` ${className}` : ''}`} data-testid={testId}>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={`align-${c.align ?? 'left'}`}
                  aria-sort={c.sortValue ? (ariaSort ?? 'none') : undefined}
                  title={c.title}
                  style={c.width ? { width: c.width } : undefined}
                >
                  {c.sortValue ? (
                    <button
                      type="button"
                      className={`sort${active ? ' sort-active' : ''}`}
                      onClick={() => toggle(c.key)}
                    >
                      {c.header}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr className="empty-row">
              <td colSpan={columns.length}>{empty ?? 'Nothing to show.'}</td>
            </tr>
          ) : (
            sorted.map((row) => {
              const key = rowKey(row);
              const extra = rowProps?.(row) ?? {};
              const selected = selectedKey !== undefined && selectedKey === key;
              const cls = [extra.className, onRowSelect ? 'selectable' : '', selected ? 'selected' : '']
                .filter(Boolean)
                .join(' ');
              return (
                <tr
                  key={key}
                  {...extra}
                  className={cls || undefined}
                  aria-selected={onRowSelect ? selected : undefined}
                  tabIndex={onRowSelect ? 0 : extra.tabIndex}
                  onClick={
                    onRowSelect
                      ? (e) => {
                          // A click on a link or button inside the row does its own thing.
                          if (!(e.target as HTMLElement).closest('a,button,input,select')) {
                            onRowSelect(row);
                          }
                        }
                      : extra.onClick
                  }
                  onKeyDown={
                    onRowSelect
                      ? (e) => {
                          if ((e.key === 'Enter' || e.key === ' ') && e.target === e.currentTarget) {
                            e.preventDefault();
                            onRowSelect(row);
                          }
                        }
                      : extra.onKeyDown
                  }
                >
                  {columns.map((c) => {
                    if (c.renderCell) {
                      return <CellFragment key={c.key}>{c.renderCell(row)}</CellFragment>;
                    }
                    const p = c.cellProps?.(row);
                    return (
                      <td key={c.key} {...p} className={cellClass(c, p?.className)}>
                        {c.render(row)}
                      </td>
                    );
                  })}
                </tr>
              );
            })
          )}
        </tbody>
      </table>
    </div>
  );
}

function CellFragment({ children }: { children: ReactNode }) {
  return <>{children}</>;
}

function cellClass<T>(c: Column<T>, extra?: string): string | undefined {
  const parts = [c.align && c.align !== 'left' ? `align-${c.align}` : '', extra ?? ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}
