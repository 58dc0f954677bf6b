/**
 * Watching a sync from outside (design 3.10): the in-process apply metrics, their Prometheus text,
 * and the HTTP endpoint ({@code /metrics}, {@code /health}, {@code /status} and a status page) that
 * {@code sync start|run --http} serves. Uses the sync package's status; used by run.
 */
package dev.sqlite2pg.monitor;
