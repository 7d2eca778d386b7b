#!/bin/sh
# Run once by the postgres image when its volume is first created (docker-entrypoint-initdb.d), as the administrator:
# the worker's own role owns the monitor database and is no superuser.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v pass="$MONITOR_DB_PASSWORD" <<'SQL'
CREATE ROLE monitor LOGIN PASSWORD :'pass';
CREATE DATABASE monitor OWNER monitor;
SQL
