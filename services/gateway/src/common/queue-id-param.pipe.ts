import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiException } from '../errors/api.exception';
import { ID_PATTERN, ID_PROBLEM } from './id-pattern.constant';

/** A queue (or site) id in a path must be an id token: anything else is a 400 naming the parameter. */
@Injectable()
export class QueueIdParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!ID_PATTERN.test(value)) {
      throw ApiException.invalidField(metadata.data ?? 'id', ID_PROBLEM);
    }
    return value;
  }
}
