import type { ValidationError } from 'class-validator';
import { validationDetails } from './validation-details.util';

function error(
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
): ValidationError {
  return { property, constraints, children };
}

describe('validationDetails', () => {
  it('names nested fields by their full path when a nested rule fails', () => {
    const details = validationDetails([
      error('submissionProfile', undefined, [error('maxRunning', { min: 'maxRunning must not be less than 1' })]),
    ]);
    expect(details).toEqual([{ field: 'submissionProfile.maxRunning', problem: 'must not be less than 1' }]);
  });

  it('writes array items with brackets when an item fails', () => {
    const details = validationDetails([
      error('queues', undefined, [error('2', undefined, [error('id', { isString: 'id must be a string' })])]),
    ]);
    expect(details).toEqual([{ field: 'queues[2].id', problem: 'must be a string' }]);
  });

  it('says a property is not allowed when it is unknown', () => {
    const details = validationDetails([error('colour', { whitelistValidation: 'property colour should not exist' })]);
    expect(details).toEqual([{ field: 'colour', problem: 'is not an allowed property' }]);
  });

  it('keeps "each value" when an array item of a primitive type fails', () => {
    const details = validationDetails([error('queueIds', { isString: 'each value in queueIds must be a string' })]);
    expect(details).toEqual([{ field: 'queueIds', problem: 'each value must be a string' }]);
  });
});
