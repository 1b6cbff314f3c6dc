import { Module } from '@nestjs/common';
import { SyslogBatchPublisher } from './syslog-batch.publisher';
import { SyslogListenersService } from './syslog-listeners.service';
import { DEFAULT_SYSLOG_LIMITS, SYSLOG_LIMITS } from './syslog.constants';
import { SyslogMetrics } from './syslog.metrics';
import { SyslogTcpListener } from './syslog-tcp.listener';
import { SyslogUdpListener } from './syslog-udp.listener';

/**
 * HAProxy's access logs in: syslog over UDP and TCP (ANVIL_SHIPPER_SYSLOG_UDP / _TCP), published unparsed to
 * `anvil.access.haproxy` (parsing happens at indexing time, `haproxyAccessDocument`).
 */
@Module({
  providers: [
    { provide: SYSLOG_LIMITS, useValue: DEFAULT_SYSLOG_LIMITS },
    SyslogMetrics,
    SyslogBatchPublisher,
    SyslogUdpListener,
    SyslogTcpListener,
    SyslogListenersService,
  ],
  exports: [SyslogMetrics],
})
export class SyslogModule {}
