export { StatusBadge, type QueueStatus } from './status-badge';
export { EfficiencyCell, efficiencyClass, formatEfficiency, type EfficiencyClass } from './efficiency-cell';
export { DataTable, type Column, type DataTableProps, type SortDirection } from './data-table';
export { ErrorBox } from './error-box';
export { Loading } from './loading';
export { Time, formatDateTime, formatDay, formatClock, formatDuration, formatRelative } from './time';
export { FilterSelect, type FilterSelectProps } from './filter-select';
