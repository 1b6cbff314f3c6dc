import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { SHIPPER_CONFIG } from '../shipper.constants';
import type { ShipperConfig } from '../shipper.env';
import { SyslogBatchPublisher } from './syslog-batch.publisher';
import { SYSLOG_LIMITS, type SyslogLimits } from './syslog.constants';
import { SyslogTcpListener } from './syslog-tcp.listener';
import { SyslogUdpListener } from './syslog-udp.listener';

/**
 * Opens the syslog listeners while the application starts, so the shipper's HTTP server (and `/readyz`) answers
 * only once they are bound, and a port in use stops the start with the setting's name. At shutdown it closes them
 * first, then publishes the lines still held, before the bus connection closes.
 */
@Injectable()
export class SyslogListenersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SyslogListenersService.name);

  constructor(
    @Inject(SHIPPER_CONFIG) private readonly config: ShipperConfig,
    private readonly udp: SyslogUdpListener,
    private readonly tcp: SyslogTcpListener,
    private readonly batches: SyslogBatchPublisher,
    @Inject(SYSLOG_LIMITS) private readonly limits: SyslogLimits,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { syslogUdp, syslogTcp } = this.config;
    const bound: Record<string, string> = {};
    try {
      if (syslogUdp !== undefined) {
        bound.udp = `${syslogUdp.host}:${await this.udp.listen(syslogUdp, 'ANVIL_SHIPPER_SYSLOG_UDP')}`;
      }
      if (syslogTcp !== undefined) {
        bound.tcp = `${syslogTcp.host}:${await this.tcp.listen(syslogTcp, 'ANVIL_SHIPPER_SYSLOG_TCP')}`;
      }
    } catch (error) {
      await Promise.all([this.udp.close(), this.tcp.close()]);
      throw error;
    }
    if (Object.keys(bound).length === 0) {
      this.logger.warn('no syslog listener: ANVIL_SHIPPER_SYSLOG_UDP and ANVIL_SHIPPER_SYSLOG_TCP are both empty');
    } else {
      this.logger.log(bound, 'syslog listeners ready');
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([this.udp.close(), this.tcp.close()]);
    const abandoned = await this.batches.flush(this.limits.flushTimeoutMs);
    if (abandoned > 0) {
      this.logger.error(
        { lines: abandoned, timeoutMs: this.limits.flushTimeoutMs },
        `syslog listeners closed; ${abandoned} line(s) may be lost: the bus did not store them in time`,
      );
    } else {
      this.logger.log('syslog listeners closed, every line received is on the bus');
    }
  }
}
