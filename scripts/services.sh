#!/usr/bin/env bash
# Install (if missing) and start RabbitMQ + PostgreSQL bound to 127.0.0.1, create the accounts and the database,
# wait until both are ready. Idempotent; needs root; works without systemd (PID 1 is not systemd).
# FOR A DEVELOPMENT OR TEST MACHINE: the passwords default to easy ones (monitor, monitor-worker, monitor-producer) so
# the tests run out of the box. Never use them in production: docs/operations.md sets up the same accounts there with
# passwords of your own (or pass MQ_PASS, MQ_WORKER_PASS, MQ_PRODUCER_PASS, DB_PASS here).
# RabbitMQ accounts (least privilege):
#   $MQ_USER           administrator (management UI, virtual hosts; the integration tests create theirs with it)
#   $MQ_WORKER_USER    the worker: configure/write/read on its virtual host, management tag (for status, redrive)
#   $MQ_PRODUCER_USER  producers: may only publish to the inbound exchanges — not to alerts, not straight to queues
# Stop later with:  service rabbitmq-server stop; epmd -kill   # epmd outlives the broker
#                   pg_ctlcluster "$PGVER" main stop
set -euo pipefail
DB_USER=${DB_USER:-monitor} DB_PASS=${DB_PASS:-monitor} DB_NAME=${DB_NAME:-monitor}
MQ_USER=${MQ_USER:-monitor} MQ_PASS=${MQ_PASS:-monitor}
MQ_WORKER_USER=${MQ_WORKER_USER:-monitor-worker} MQ_WORKER_PASS=${MQ_WORKER_PASS:-monitor-worker}
MQ_PRODUCER_USER=${MQ_PRODUCER_USER:-monitor-producer} MQ_PRODUCER_PASS=${MQ_PRODUCER_PASS:-monitor-producer}
# The exchanges producers publish to (fanout: RabbitMQ's topic permissions do not apply to them).
INBOUND_EXCHANGES='^Monitor\.Messages:(EnterpriseVisitRecorded|EnterpriseVisitCancelled|GraduateRegistered|GraduateWithdrawn|GraduateReinstated|GraduateDestinationReported|EvaluationRequested)$'
export DEBIAN_FRONTEND=noninteractive
log() { echo "[services] $(date +%T) $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/services.sh must run as root: it installs and starts RabbitMQ and PostgreSQL (try: sudo bash scripts/services.sh)." >&2
  exit 1
fi

# ---------- packages (Debian 12: rabbitmq-server 3.10.8 / Erlang 25.2.3, postgresql 15) ----------
pkgs=()
command -v rabbitmq-server >/dev/null 2>&1 || pkgs+=(rabbitmq-server)
{ command -v pg_ctlcluster >/dev/null 2>&1 && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; } || pkgs+=(postgresql)
if ((${#pkgs[@]})); then
  apt_log=/var/log/monitor-services-apt.log
  log "apt-get install ${pkgs[*]} (output in $apt_log)"
  # The services are configured below before they first start, so keep apt from starting them with package defaults.
  added_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    added_policy=1
  fi
  apt_ok=1
  { apt-get update -q && apt-get install -y -q --no-install-recommends "${pkgs[@]}"; } >"$apt_log" 2>&1 || apt_ok=
  [ -z "$added_policy" ] || rm -f /usr/sbin/policy-rc.d
  if [ -z "$apt_ok" ]; then
    tail -n 20 "$apt_log" >&2
    echo "apt-get failed; the whole output is in $apt_log" >&2
    exit 1
  fi
fi

# ---------- RabbitMQ on loopback ----------
mkdir -p /etc/rabbitmq
cat > /etc/rabbitmq/rabbitmq-env.conf <<'EOF'
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
export ERL_EPMD_ADDRESS=127.0.0.1
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
cat > /etc/rabbitmq/rabbitmq.conf <<'EOF'
listeners.tcp.default = 127.0.0.1:5672
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
# Bodies over 1 MiB are refused by the broker itself (the worker refuses bodies over Monitor:MaxBodyBytes, 256 KB).
max_message_size = 1048576
EOF
echo '[rabbitmq_management].' > /etc/rabbitmq/enabled_plugins   # HTTP API on 127.0.0.1:15672
chown rabbitmq:rabbitmq /etc/rabbitmq/rabbitmq-env.conf /etc/rabbitmq/rabbitmq.conf /etc/rabbitmq/enabled_plugins
if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  log "starting rabbitmq-server"
  service rabbitmq-server start        # init.d: start-stop-daemon --background + rabbitmqctl wait
fi
timeout 120 rabbitmqctl -q await_startup --timeout 110
mq_account() {   # user password tags configure write read
  rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$1" || rabbitmqctl -q add_user "$1" "$2"
  rabbitmqctl -q change_password "$1" "$2"
  rabbitmqctl -q set_user_tags "$1" $3
  rabbitmqctl -q set_permissions -p / "$1" "$4" "$5" "$6"
}
mq_account "$MQ_USER" "$MQ_PASS" administrator '.*' '.*' '.*'
mq_account "$MQ_WORKER_USER" "$MQ_WORKER_PASS" management '.*' '.*' '.*'
mq_account "$MQ_PRODUCER_USER" "$MQ_PRODUCER_PASS" '' '^$' "$INBOUND_EXCHANGES" '^$'
log "rabbitmq ready: amqp://127.0.0.1:5672/ — administrator $MQ_USER, worker $MQ_WORKER_USER, producer $MQ_PRODUCER_USER (guest/guest also works from loopback)"

# ---------- PostgreSQL on loopback ----------
PGVER=$(ls /usr/lib/postgresql | sort -V | tail -1)
pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PGVER main" || pg_createcluster "$PGVER" main --port 5432 >/dev/null
conf=/etc/postgresql/$PGVER/main/conf.d/90-loopback.conf
want="listen_addresses = '127.0.0.1'"   # NB: pg_conftool/-o would write 127.0.0.1 unquoted -> syntax error
if [ "$(cat "$conf" 2>/dev/null)" != "$want" ]; then
  echo "$want" > "$conf"
  pg_ctlcluster "$PGVER" main status >/dev/null 2>&1 && pg_ctlcluster "$PGVER" main restart
fi
pg_ctlcluster "$PGVER" main status >/dev/null 2>&1 || { log "starting postgresql $PGVER/main"; pg_ctlcluster "$PGVER" main start; }
for i in $(seq 1 120); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
pg_isready -h 127.0.0.1 -p 5432
(cd / && runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q \
   -v u="$DB_USER" -v p="$DB_PASS" -v d="$DB_NAME" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'u')\gexec
ALTER ROLE :"u" LOGIN CREATEDB PASSWORD :'p';
SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'d')\gexec
SQL
)
PGPASSWORD="$DB_PASS" psql -h 127.0.0.1 -p 5432 -U "$DB_USER" -d "$DB_NAME" -Atqc 'select 1' >/dev/null
log "postgresql ready: Host=127.0.0.1;Port=5432;Username=$DB_USER;Password=***;Database=$DB_NAME"
log "rabbitmq logs to $(rabbitmq-diagnostics -q log_location 2>/dev/null || echo /var/log/rabbitmq/)"
log "postgresql logs to $(pg_lsclusters -h | awk -v v="$PGVER" '$1 == v && $2 == "main" {print $7}')"
