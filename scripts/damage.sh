#!/usr/bin/env bash
# The damage suite (docs/reliability.md): the built worker against servers of its own — PostgreSQL cluster 15/damage
# on 127.0.0.1:5440 and the RabbitMQ node damage@localhost on 127.0.0.1:5680 (management 15680) — so that stopping
# them disturbs nothing else on the machine. Takes about 14 minutes; not part of scripts/test.sh. Needs root and the
# packages of scripts/services.sh (run it first on a fresh machine).
#   bash scripts/damage.sh                  set up the servers, build, run every scenario, print one line each and a total
#   bash scripts/damage.sh memory malformed run only these scenarios
#   bash scripts/damage.sh stop             stop the suite's servers
# (broker-start and broker-stop are used by the suite itself to restart its broker.)
# The accounts here have easy passwords: these servers are for this suite only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log() { echo "[damage] $(date +%T) $*"; }

base=/var/lib/monitor-damage/rabbitmq
export RABBITMQ_NODENAME=damage@localhost RABBITMQ_NODE_PORT=5680 RABBITMQ_DIST_PORT=25680 \
  RABBITMQ_CONFIG_FILE=$base/conf/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE=$base/conf/enabled_plugins \
  RABBITMQ_MNESIA_BASE=$base/mnesia RABBITMQ_LOG_BASE=$base/log RABBITMQ_PID_FILE=$base/damage.pid
ctl() { rabbitmqctl -n damage@localhost -q "$@"; }

broker_start() {
  mkdir -p $base/mnesia $base/log $base/conf
  cat > $base/conf/rabbitmq.conf <<'CONF'
listeners.tcp.default = 127.0.0.1:5680
management.tcp.ip = 127.0.0.1
management.tcp.port = 15680
max_message_size = 1048576
CONF
  echo '[rabbitmq_management].' > $base/conf/enabled_plugins
  chown -R rabbitmq:rabbitmq $base
  if ! ctl ping >/dev/null 2>&1; then
    rabbitmq-server -detached
    # The node registers with epmd a moment after it is launched.
    for _ in $(seq 1 60); do ctl ping >/dev/null 2>&1 && break; sleep 1; done
  fi
  ctl await_startup --timeout 110
}

broker_stop() {
  ctl stop >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do ctl ping >/dev/null 2>&1 || return 0; sleep 1; done
}

case "${1:-}" in
  broker-start) broker_start; exit 0 ;;
  broker-stop) broker_stop; exit 0 ;;
  stop) broker_stop; pg_ctlcluster 15 damage stop 2>/dev/null || true; log "stopped"; exit 0 ;;
esac

if [ "$(id -u)" -ne 0 ]; then
  echo "scripts/damage.sh must run as root: it starts and stops its own PostgreSQL cluster and RabbitMQ node." >&2
  exit 1
fi

log "rabbitmq node damage@localhost on 127.0.0.1:5680"
broker_start
account() {   # user password tags
  ctl list_users | awk '{print $1}' | grep -qx "$1" || ctl add_user "$1" "$2"
  ctl change_password "$1" "$2"
  ctl set_user_tags "$1" $3
}
account monitor monitor administrator
account monitor-worker monitor-worker management
account monitor-producer monitor-producer ''

log "postgresql cluster 15/damage on 127.0.0.1:5440"
pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "15 damage" || pg_createcluster 15 damage --port 5440 >/dev/null
echo "listen_addresses = '127.0.0.1'" > /etc/postgresql/15/damage/conf.d/90-loopback.conf
pg_ctlcluster 15 damage status >/dev/null 2>&1 || pg_ctlcluster 15 damage start
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5440 && break; sleep 0.5; done
(cd / && runuser -u postgres -- psql -p 5440 -v ON_ERROR_STOP=1 -q <<'SQL'
SELECT 'CREATE ROLE monitor LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'monitor')\gexec
ALTER ROLE monitor LOGIN CREATEDB PASSWORD 'monitor';
SQL
)

log "building"
export DOTNET_CLI_UI_LANGUAGE=en DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet build tests/Monitor.DamageTests -c Release -v quiet -nologo | grep -E "error|Warn|warn" || true
log "running (worker logs under ${TMPDIR:-/tmp}/monitor-damage/)"
dotnet tests/Monitor.DamageTests/bin/Release/net10.0/Monitor.DamageTests.dll "$@"
