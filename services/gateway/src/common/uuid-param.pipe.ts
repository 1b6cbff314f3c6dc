import { Injectable, type PipeTransform, type ArgumentMetadata } from '@nestjs/common';
import { ApiException } from '../errors/api.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id must be a uuid: anything else is a 400 naming the parameter, not a database error. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) {
      throw ApiException.invalidField(metadata.data ?? 'id', 'must be a UUID');
    }
    return value.toLowerCase();
  }
}
