import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiException } from '../errors/api.exception';

/** A policy version in a path: a positive integer, else a 400 naming the parameter. */
@Injectable()
export class PolicyVersionParamPipe implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (!/^[1-9]\d{0,8}$/.test(value)) {
      throw ApiException.invalidField(metadata.data ?? 'version', 'must be a positive integer');
    }
    return Number(value);
  }
}
