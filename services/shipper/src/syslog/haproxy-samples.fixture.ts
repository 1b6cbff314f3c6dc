// Lines a real HAProxy 2.6 sent with haproxy/haproxy.cfg (`format rfc5424`, JSON `log-format`), as received.

/** A POST with an X-Request-ID and an Idempotency-Key holding a quote and a backslash. */
export const HAPROXY_POST_LINE =
  '<134>1 2026-11-24T02:16:21.830437+00:00 - haproxy 11880 - - {"time":"24/Nov/2026:02:16:21.827","request_id":"req-123","idempotency_key":"k-1\\"\\\\x","client":"127.0.0.1:57038","frontend":"api","backend":"gateways","server":"gateway-a","method":"POST","uri":"\\/api\\/v1\\/tests?x=1&y=%22a%22","status":200,"bytes_in":141,"bytes_out":141,"TR":0,"Tw":0,"Tc":0,"Tr":2,"Ta":2,"retries":"0","termination":"----","conns":{"active":2,"frontend":2,"backend":0,"server":0},"queue":{"server":0,"backend":0}}';

/** A GET without X-Request-ID (HAProxy made one) nor Idempotency-Key. */
export const HAPROXY_GET_LINE =
  '<134>1 2026-11-24T02:16:21.832509+00:00 - haproxy 11880 - - {"time":"24/Nov/2026:02:16:21.830","request_id":"d8963a85-be26-4e0f-bf8e-89bf1bf902dd","idempotency_key":"-","client":"127.0.0.1:57040","frontend":"api","backend":"gateways","server":"gateway-b","method":"GET","uri":"\\/p%C3%A9?q=%22","status":200,"bytes_in":65,"bytes_out":141,"TR":0,"Tw":0,"Tc":0,"Tr":2,"Ta":2,"retries":"0","termination":"----","conns":{"active":2,"frontend":2,"backend":0,"server":0},"queue":{"server":0,"backend":0}}';

/** A request HAProxy refused (400, no server, timers at -1). */
export const HAPROXY_BAD_REQUEST_LINE =
  '<134>1 2026-11-24T02:16:21.829171+00:00 - haproxy 11880 - - {"time":"24/Nov/2026:02:16:21.828","request_id":"-","idempotency_key":"-","client":"127.0.0.1:57050","frontend":"api","backend":"api","server":"<NOSRV>","method":"<BADREQ>","uri":"-","status":400,"bytes_in":0,"bytes_out":0,"TR":-1,"Tw":-1,"Tc":-1,"Tr":-1,"Ta":0,"retries":"0","termination":"PR--","conns":{"active":3,"frontend":3,"backend":0,"server":0},"queue":{"server":0,"backend":0}}';

/** HAProxy's own message on the same channel (local0.alert). */
export const HAPROXY_SERVER_DOWN_LINE =
  '<129>1 2026-11-24T02:17:53.526199+00:00 - haproxy 12927 - - Server gateways/gateway-b is DOWN, reason: Layer4 connection problem, info: "Connection refused", check duration: 0ms. 1 active and 0 backup servers left. 0 sessions active, 0 requeued, 0 remaining in queue.';
