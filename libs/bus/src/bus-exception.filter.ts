import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Keeps the handler's error as it is. Without it, Nest's RPC exception filter replaces any error that is not an
 * `RpcException` by "Internal server error", and that is all the dead-letter reason can then say.
 * Use it on bus controllers: `@UseFilters(BusExceptionFilter)`.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
