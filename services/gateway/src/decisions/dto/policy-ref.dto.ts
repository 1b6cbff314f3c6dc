export class PolicyRefDto {
  name!: string;
  /** Null when the decider did not record a version. */
  version!: number | null;
}
