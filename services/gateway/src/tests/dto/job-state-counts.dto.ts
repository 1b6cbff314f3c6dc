/** Jobs by current state, and all of them. */
export class JobStateCountsDto {
  submitted!: number;
  running!: number;
  completed!: number;
  failed!: number;
  cancelled!: number;
  lost!: number;
  total!: number;
}
