/** Why a test command cannot be carried out; none of these gets better by retrying. */
export enum TestCommandErrorCode {
  UnknownTemplate = 'UNKNOWN_TEMPLATE',
  UnknownTest = 'UNKNOWN_TEST',
  EmptyWindow = 'EMPTY_WINDOW',
  WindowOver = 'WINDOW_OVER',
}

export class TestCommandException extends Error {
  constructor(
    readonly code: TestCommandErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TestCommandException';
  }

  /** Whether redelivering the command could ever succeed. */
  get retryable(): boolean {
    switch (this.code) {
      case TestCommandErrorCode.UnknownTemplate:
      case TestCommandErrorCode.UnknownTest:
      case TestCommandErrorCode.EmptyWindow:
      case TestCommandErrorCode.WindowOver:
        return false;
    }
  }
}
