/** A running test without a live owner: never assigned, or its submitter stopped heartbeating. */
export interface UnownedTest {
  id: string;
  submitterId: string | null;
}
