# The services `npm run up` starts, one per line: name, health port, entry point, extra environment.
# Two scheduler replicas and two decider replicas: in each pair one leads, the other is a hot standby.
# Two gateway replicas behind HAProxy (haproxy.sh, public port 8080): HAProxy's servers are named after them.
# The shipper comes first: it listens for HAProxy's syslog and ships every service's log lines to OpenSearch.
ANVIL_SERVICES=(
  "shipper|8097|services/shipper/dist/main.js|"
  "ingester|8093|services/ingester/dist/main.js|"
  "scheduler-a|8091|services/scheduler/dist/main.js|ANVIL_SCHEDULER_ID=scheduler-a ANVIL_SCHEDULER_PORT=8091"
  "scheduler-b|8094|services/scheduler/dist/main.js|ANVIL_SCHEDULER_ID=scheduler-b ANVIL_SCHEDULER_PORT=8094"
  "decider-a|8095|services/decider/dist/main.js|ANVIL_DECIDER_ID=decider-a ANVIL_DECIDER_PORT=8095"
  "decider-b|8096|services/decider/dist/main.js|ANVIL_DECIDER_ID=decider-b ANVIL_DECIDER_PORT=8096"
  "submitter|8092|services/submitter/dist/main.js|ANVIL_SUBMITTER_ID=submitter-local"
  "gateway-a|8081|services/gateway/dist/main.js|ANVIL_GATEWAY_PORT=8081"
  "gateway-b|8082|services/gateway/dist/main.js|ANVIL_GATEWAY_PORT=8082"
)
