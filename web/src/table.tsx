// Every list the console shows is a DataTable: sortable by any column (a button in its header), filtered by a
// text box, exported as CSV (what is shown, in the page's language, a BOM so spreadsheets read it as UTF-8).

import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { download } from './api';
import { toCsv } from './format';
import { useApp } from './ui';

/** One column: its header, the value it sorts, filters and exports by, and how a cell is drawn. */
export interface Column<R> {
  key: string;
  label: string;
  /** What the column sorts, filters and exports by (null: nothing; sorts last). */
  value: (row: R) => string | number | null;
  /** The cell's content (default: the value). */
  render?: (row: R) => ComponentChildren;
  /** The CSV field (default: the value). */
  csv?: (row: R) => string;
  /** The row's header cell (`<th scope="row">`). */
  rowHeader?: boolean;
  numeric?: boolean;
  /** Attributes of the cell (a class, data-*). */
  cell?: (row: R) => Record<string, string | undefined>;
  sortable?: boolean;
}

export interface DataTableProps<R> {
  /** The table's accessible name, also naming its filter box and its CSV button. */
  name: string;
  /** The CSV file's name, without `.csv`. */
  file: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  rowClass?: (row: R) => string | undefined;
  /** A heading that names the table (else the name is its aria-label). */
  labelledBy?: string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  initialFilter?: string;
  /** Shown instead of the table when there are no rows at all. */
  empty?: string;
  tableClass?: string;
}

/** The column's value as text (for filtering and CSV). */
const asText = (v: string | number | null): string => (v === null ? '' : String(v));

export function DataTable<R>(props: DataTableProps<R>) {
  const { t, lang } = useApp();
  const [sort, setSort] = useState<{ key: string; dir: 'asc' | 'desc' } | null>(props.initialSort ?? null);
  const [filter, setFilter] = useState(props.initialFilter ?? '');
  const collator = useMemo(
    () => new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { numeric: true, sensitivity: 'base' }),
    [lang],
  );
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const indexed = props.rows.map((row, i) => ({ row, i }));
    const kept =
      needle === ''
        ? indexed
        : indexed.filter(({ row }) =>
            props.columns.some((c) =>
              (c.csv ? c.csv(row) : asText(c.value(row))).toLowerCase().includes(needle),
            ),
          );
    const col = sort && props.columns.find((c) => c.key === sort.key);
    if (!col || !sort) return kept.map((x) => x.row);
    const dir = sort.dir === 'asc' ? 1 : -1;
    return [...kept]
      .sort((a, b) => {
        const x = col.value(a.row);
        const y = col.value(b.row);
        if (x === null || y === null) return x === y ? a.i - b.i : x === null ? 1 : -1;
        const c =
          typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
        return c !== 0 ? c * dir : a.i - b.i;
      })
      .map((x) => x.row);
  }, [props.rows, props.columns, filter, sort, collator]);

  if (props.rows.length === 0 && props.empty) return <p>{props.empty}</p>;

  const exportCsv = () => {
    const head = props.columns.map((c) => c.label);
    const body = shown.map((r) => props.columns.map((c) => (c.csv ? c.csv(r) : asText(c.value(r)))));
    download(`${props.file}.csv`, 'text/csv;charset=utf-8', toCsv([head, ...body]));
  };
  const toggle = (key: string) =>
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  const filterId = `filter-${props.file}`;
  const sep = lang === 'zh' ? '：' : ': ';
  return (
    <div class="datatable">
      <div class="table-tools">
        <label for={filterId}>{t('filterLabel')}</label>{' '}
        <input
          id={filterId}
          type="search"
          value={filter}
          aria-label={`${t('filterLabel')}${sep}${props.name}`}
          onInput={(e) => setFilter((e.target as HTMLInputElement).value)}
        />{' '}
        <span class="note" role="status">
          {filter.trim() !== '' &&
            t('rowsShown')
              .replaceAll('{n}', String(shown.length))
              .replaceAll('{m}', String(props.rows.length))}
        </span>{' '}
        <button type="button" aria-label={`${t('exportCsv')}${sep}${props.name}`} onClick={exportCsv}>
          {t('exportCsv')}
        </button>
      </div>
      <table
        class={props.tableClass}
        aria-labelledby={props.labelledBy}
        aria-label={props.labelledBy ? undefined : props.name}
      >
        <thead>
          <tr>
            {props.columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <th
                  scope="col"
                  key={c.key}
                  aria-sort={active ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sortable === false ? (
                    c.label
                  ) : (
                    <button type="button" class="sort" onClick={() => toggle(c.key)}>
                      {c.label}
                      <span aria-hidden="true" class="arrow">
                        {active ? (sort!.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={props.rowKey(r)} class={props.rowClass?.(r)}>
              {props.columns.map((c) => {
                const content = c.render ? c.render(r) : asText(c.value(r));
                const attrs = c.cell?.(r) ?? {};
                const cls = [c.numeric ? 'n' : '', attrs.class ?? ''].filter(Boolean).join(' ') || undefined;
                return c.rowHeader ? (
                  <th scope="row" key={c.key} {...attrs} class={cls}>
                    {content}
                  </th>
                ) : (
                  <td key={c.key} {...attrs} class={cls}>
                    {content}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && props.rows.length > 0 && <p class="note">{t('noMatch')}</p>}
    </div>
  );
}
