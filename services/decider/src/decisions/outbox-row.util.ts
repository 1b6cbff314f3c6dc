import { toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { Contract } from '@anvil/contracts';
import type { OutboxRow } from './commit-plan';

/** A checked, encoded message for the outbox; a message failing its contract's checks is a bug, so it throws. */
export function outboxRow<TDesc extends DescMessage>(
  contract: Contract<TDesc>,
  message: MessageShape<TDesc>,
): OutboxRow {
  const problems = contract.check(message);
  if (problems.length > 0) {
    throw new Error(`invalid ${contract.name} message: ${problems.join('; ')}`);
  }
  return {
    msgId: contract.businessKey(message),
    subject: contract.subject(message),
    messageType: contract.schema.typeName,
    payload: toBinary(contract.schema, message),
  };
}
