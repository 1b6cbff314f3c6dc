import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiException } from '../errors/api.exception';

const MAX_VERSION = 2_147_483_647;

/** A version number in a path: a decimal integer from 1; anything else is a 400 naming the parameter. */
@Injectable()
export class VersionParamPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    const version = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(version >= 1 && version <= MAX_VERSION)) {
      throw ApiException.invalidField(metadata.data ?? 'version', 'must be an integer from 1');
    }
    return version;
  }
}
