#!/bin/sh
# Run once by docker-compose.yml's rabbitmq-accounts service, after the broker is healthy, with the administrator's
# credentials: creates (or updates) the worker's account and the producers' account with least privilege. Idempotent.
set -eu
admin() { rabbitmqadmin --host=rabbitmq --username="$MONITOR_MQ_ADMIN_USER" --password="$MONITOR_MQ_ADMIN_PASSWORD" "$@"; }
inbound='^Monitor\.Messages:(EnterpriseVisitRecorded|EnterpriseVisitCancelled|GraduateRegistered|GraduateWithdrawn|GraduateReinstated|GraduateDestinationReported|EvaluationRequested)$'
# The worker declares its exchanges and queues and reads them; the management tag lets status and redrive read depths.
admin declare user name=monitor-worker password="$MONITOR_MQ_WORKER_PASSWORD" tags=management
admin declare permission vhost=/ user=monitor-worker configure='.*' write='.*' read='.*'
# Producers may only publish events to the inbound exchanges: no alerts, nothing straight into a queue, no queue of their own.
admin declare user name=monitor-producer password="$MONITOR_MQ_PRODUCER_PASSWORD" tags=
admin declare permission vhost=/ user=monitor-producer configure='^$' write="$inbound" read='^$'
echo "accounts monitor-worker and monitor-producer are set"
