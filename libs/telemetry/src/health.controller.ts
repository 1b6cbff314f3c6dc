import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ReadinessService } from './readiness.service';

@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Liveness: the process answers. */
  @Get('healthz')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: 503 while draining, so a load balancer stops sending new requests. */
  @Get('readyz')
  ready(): { status: 'ready' } {
    if (!this.readiness.isReady()) {
      throw new ServiceUnavailableException({ status: 'draining' });
    }
    return { status: 'ready' };
  }
}
