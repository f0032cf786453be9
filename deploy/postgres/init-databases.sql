-- One database per service: services never read each other's data (docs: ARCHITECTURE "Data").
-- Run once by the postgres image on an empty data directory (/docker-entrypoint-initdb.d).
CREATE DATABASE trees OWNER hunan;
CREATE DATABASE business_env OWNER hunan;
CREATE DATABASE disability OWNER hunan;
CREATE DATABASE budget OWNER hunan;
CREATE DATABASE emergency OWNER hunan;
CREATE DATABASE science OWNER hunan;
