import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { isUuid } from '@anvil/contracts';
import { ApiException } from '../errors/api.exception';

/** A path id must be a uuid: anything else is a 400 naming the parameter, not a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) {
      throw ApiException.invalidField(metadata.data ?? 'id', 'must be a UUID');
    }
    return value.toLowerCase();
  }
}
