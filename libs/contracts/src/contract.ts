import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import type { StreamKey } from './streams';

/**
 * One bus message: its protobuf schema, the subject it travels on, its business key
 * (the `Nats-Msg-Id`, so a retried publish is deduplicated) and the checks run after decoding.
 */
export interface Contract<TDesc extends DescMessage = DescMessage> {
  readonly name: string;
  readonly schema: TDesc;
  readonly stream: StreamKey;
  /** NATS wildcard pattern covering every subject of this message (un-namespaced). */
  readonly pattern: string;
  subject(message: MessageShape<TDesc>): string;
  businessKey(message: MessageShape<TDesc>): string;
  /** Problems with a decoded message, each naming the field; empty when it is valid. */
  check(message: MessageShape<TDesc>): string[];
}

export type ContractMessage<TContract> = TContract extends Contract<infer TDesc> ? MessageShape<TDesc> : never;

export function defineContract<TDesc extends DescMessage>(contract: Contract<TDesc>): Contract<TDesc> {
  return contract;
}
