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

  /** Readiness: 503 while starting or draining, so a load balancer sends requests only to a ready replica. */
  @Get('readyz')
  ready(): { status: 'ready' } {
    if (!this.readiness.isReady()) {
      throw new ServiceUnavailableException({ status: this.readiness.isDraining() ? 'draining' : 'starting' });
    }
    return { status: 'ready' };
  }
}
