#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume (docker-entrypoint-initdb.d): creates one
# database per service, named in XIETONG_DATABASES (space-separated), owned by POSTGRES_USER. The launcher does the
# same on demand for `npm start`; here the list lives in docker-compose.yml next to the services that use it.
# A database added later to an existing volume: docker compose exec postgres createdb -U "$POSTGRES_USER" <name>
set -eu

for database in ${XIETONG_DATABASES:-}; do
  case "$database" in
    *[!a-z0-9_]* | [0-9]*)
      echo "10-create-databases: invalid database name '$database' (use a-z, 0-9 and _, not starting with a digit)" >&2
      exit 1
      ;;
  esac
  echo "10-create-databases: ensuring database $database exists"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
SELECT 'CREATE DATABASE "$database" OWNER "$POSTGRES_USER"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$database')\gexec
SQL
done
