/**
 * PromQL: the query language of Prometheus 2.x, parsed and evaluated over the relay's buffer.
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link io.promrelay.promql.Engine#parse(String)} returns an {@link io.promrelay.promql.Expr}, a
 *       sealed tree of records whose {@code toString()} is the canonical form Prometheus prints
 *       ({@link io.promrelay.promql.ExprPrinter}); invalid queries throw a
 *       {@link io.promrelay.promql.ParseException} ({@code line:col: parse error: ...}).</li>
 *   <li>{@link io.promrelay.promql.Engine#instantQuery} and {@link io.promrelay.promql.Engine#rangeQuery}
 *       evaluate over a {@link io.promrelay.storage.Querier} and return a
 *       {@link io.promrelay.promql.QueryResult}: scalar, string, vector or matrix.</li>
 *   <li>{@link io.promrelay.promql.QueryException#errorType()} maps every other failure to the query
 *       API's {@code errorType}: bad_data, execution, timeout, canceled.</li>
 *   <li>{@link io.promrelay.promql.SeriesSelectorParser} parses bare selectors for /federate and the
 *       series APIs.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Evaluation is synchronous and CPU- and memory-heavy (bounded by {@link io.promrelay.promql.EngineOptions}:
 * timeout, sample budget, points per series). It must never run on a Vert.x event loop: callers run it
 * on a worker pool and may cancel it by interrupting the thread.
 *
 * <h2>Semantics</h2>
 * Prometheus 2.x: instant selectors look back 5 minutes for the newest sample, and a staleness marker
 * ends a series at once; range windows include both ends; rate, increase and delta extrapolate to the
 * window's ends; subquery steps are aligned to absolute time. Regular expressions are Java's, which
 * agree with Go's RE2 for the syntax both share.
 */
package io.promrelay.promql;
