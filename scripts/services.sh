#!/usr/bin/env bash
# Install (if missing) and start RabbitMQ + PostgreSQL bound to 127.0.0.1, create app user/db,
# wait until both are ready. Idempotent; needs root; works without systemd (PID 1 is not systemd).
# Stop later with:  service rabbitmq-server stop; epmd -kill   # epmd outlives the broker
#                   pg_ctlcluster "$PGVER" main stop
set -euo pipefail
DB_USER=${DB_USER:-monitor} DB_PASS=${DB_PASS:-monitor} DB_NAME=${DB_NAME:-monitor}
MQ_USER=${MQ_USER:-monitor} MQ_PASS=${MQ_PASS:-monitor}
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
EOF
echo '[rabbitmq_management].' > /etc/rabbitmq/enabled_plugins   # HTTP API on 127.0.0.1:15672
chown rabbitmq:rabbitmq /etc/rabbitmq/rabbitmq-env.conf /etc/rabbitmq/rabbitmq.conf /etc/rabbitmq/enabled_plugins
if ! rabbitmq-diagnostics -q ping >/dev/null 2>&1; then
  log "starting rabbitmq-server"
  service rabbitmq-server start        # init.d: start-stop-daemon --background + rabbitmqctl wait
fi
timeout 120 rabbitmqctl -q await_startup --timeout 110
rabbitmqctl -q list_users | awk '{print $1}' | grep -qx "$MQ_USER" || rabbitmqctl -q add_user "$MQ_USER" "$MQ_PASS"
rabbitmqctl -q change_password "$MQ_USER" "$MQ_PASS"
rabbitmqctl -q set_user_tags "$MQ_USER" administrator
rabbitmqctl -q set_permissions -p / "$MQ_USER" '.*' '.*' '.*'
log "rabbitmq ready: amqp://$MQ_USER:***@127.0.0.1:5672/ (guest/guest also works from loopback)"

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
