/** A queue of a test and its site; the site is null only if the queue was deleted after its jobs ran. */
export interface QueueSite {
  queueId: string;
  siteId: string | null;
}
