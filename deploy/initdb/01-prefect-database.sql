-- Run once by the postgres image on a fresh volume: the Prefect server gets a database of its own
-- beside pairwatch's (POSTGRES_DB). Both belong to the pairwatch role.
CREATE DATABASE prefect OWNER pairwatch;
