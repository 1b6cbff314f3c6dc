/**
 * Maps un-namespaced subjects and stream names to those of one deployment (ANVIL_NAMESPACE),
 * so tests and several deployments share one NATS server: `t_x` → `t_x.anvil.job.>` and `t_x_ANVIL_JOBS`.
 */
export class BusNamespace {
  constructor(readonly prefix: string) {}

  subject(subject: string): string {
    return this.prefix === '' ? subject : `${this.prefix}.${subject}`;
  }

  stream(name: string): string {
    return this.prefix === '' ? name : `${this.prefix}_${name}`;
  }

  /** The un-namespaced form of a subject of this namespace; throws for a subject of another namespace. */
  strip(subject: string): string {
    if (this.prefix === '') {
      return subject;
    }
    const head = `${this.prefix}.`;
    if (!subject.startsWith(head)) {
      throw new Error(`subject ${subject} is outside namespace ${this.prefix}`);
    }
    return subject.slice(head.length);
  }

  /** Prefix shared by every stream name of this namespace (empty without a namespace). */
  streamPrefix(): string {
    return this.prefix === '' ? '' : `${this.prefix}_`;
  }
}
