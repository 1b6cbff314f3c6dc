import { BaseRpcContext } from '@nestjs/microservices';

/** Context argument of `@EventPattern` handlers run by `JetStreamTransport`: the pattern and durable consumer. */
export class JetStreamContext extends BaseRpcContext<[pattern: string, durable: string]> {
  /** The handler's un-namespaced pattern, placeholders resolved. */
  getPattern(): string {
    return this.args[0];
  }

  getDurable(): string {
    return this.args[1];
  }
}
