-- sqlite2pg doctor: the settings that end a long statement or transaction, as this session got
-- them, and where from (pg_settings.source: user, database, database user, configuration file,
-- client for PGOPTIONS, default). transaction_timeout exists from PostgreSQL 17.
SELECT name, setting::bigint AS ms, current_setting(name) AS shown, source
  FROM pg_settings
 WHERE name IN ('statement_timeout', 'transaction_timeout', 'lock_timeout',
                'idle_in_transaction_session_timeout')
 ORDER BY name;
