#!/bin/sh
# Run once by the postgres image when it creates its database (docker-entrypoint-initdb.d):
# lets the user the replica copies and streams as (deploy/compose.yaml, postgres-replica) in.
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
