package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import io.promrelay.storage.Appender;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.storage.Querier;
import io.promrelay.storage.StorageException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's public API: result types and shapes, and the limits with their API error types. */
class EngineTest {
    private final Engine engine = new Engine(EngineOptions.defaults());
    private Querier querier;

    @BeforeEach
    void load() throws StorageException {
        Head head = new Head(new HeadOptions(Duration.ofDays(3650), 100_000, () -> 10_000_000_000L));
        Appender app = head.appender();
        for (int i = 0; i <= 10; i++) {
            app.append(0, Labels.of("__name__", "up", "job", "b"), i * 15_000L, i == 5 ? StaleNaN.VALUE : 1);
            app.append(0, Labels.of("__name__", "up", "job", "a"), i * 15_000L, i);
        }
        for (int s = 0; s < 1000; s++) {
            for (int i = 0; i <= 40; i++) {
                app.append(0, Labels.of("__name__", "many", "i", Integer.toString(s)), i * 15_000L, i);
            }
        }
        app.commit();
        querier = head.querier();
    }

    @Test
    void instantQueriesAnswerEachResultType() {
        assertEquals(new QueryResult.Scalar(30_000, 3), engine.instantQuery(querier, "1 + 2", 30_000));
        assertEquals(new QueryResult.Str(30_000, "x"), engine.instantQuery(querier, "\"x\"", 30_000));
        QueryResult.Vector v = (QueryResult.Vector) engine.instantQuery(querier, "up", 30_000);
        assertEquals(List.of(
                new QueryResult.Sample(Labels.of("__name__", "up", "job", "a"), 30_000, 2),
                new QueryResult.Sample(Labels.of("__name__", "up", "job", "b"), 30_000, 1)), v.samples());
        QueryResult.Matrix m = (QueryResult.Matrix) engine.instantQuery(querier, "up[30s]", 90_000);
        assertEquals(2, m.series().size());
        QueryResult.Series a = m.series().get(0);
        assertEquals(Labels.of("__name__", "up", "job", "a"), a.labels());
        assertArrayEquals(new long[] {60_000, 75_000, 90_000}, a.timestamps(), "raw sample times, both window ends included");
        assertArrayEquals(new double[] {4, 5, 6}, a.values());
        assertArrayEquals(new long[] {60_000, 90_000}, m.series().get(1).timestamps(), "the stale marker is left out");
    }

    @Test
    void rangeQueriesAnswerAMatrixSortedByLabels() {
        QueryResult.Matrix m = engine.rangeQuery(querier, "up", 60_000, 90_000, 15_000);
        assertEquals(Labels.of("__name__", "up", "job", "a"), m.series().get(0).labels());
        assertArrayEquals(new long[] {60_000, 90_000}, m.series().get(1).timestamps(), "the stale marker ends job b at 75s");
        QueryResult.Matrix scalar = engine.rangeQuery(querier, "time()", 0, 30_000, 15_000);
        assertEquals(Labels.EMPTY, scalar.series().get(0).labels());
        assertArrayEquals(new double[] {0, 15, 30}, scalar.series().get(0).values());
    }

    @Test
    void aggregatesOverManyGroupsAndStepsAlike() {
        // 1000 groups over 601 steps: more (group, step) cells than the aggregator holds at once.
        QueryResult.Matrix summed = engine.rangeQuery(querier, "max by (i) (many)", 0, 600_000, 1000);
        QueryResult.Matrix plain = engine.rangeQuery(querier, "many + 0", 0, 600_000, 1000);
        assertEquals(1000, summed.series().size());
        for (int s = 0; s < plain.series().size(); s++) {
            assertEquals(plain.series().get(s).labels(), summed.series().get(s).labels());
            assertArrayEquals(plain.series().get(s).timestamps(), summed.series().get(s).timestamps());
            assertArrayEquals(plain.series().get(s).values(), summed.series().get(s).values());
        }
        QueryResult.Matrix counted = engine.rangeQuery(querier, "count(many)", 0, 600_000, 1000);
        assertEquals(601, counted.series().get(0).size());
        assertEquals(1000, counted.series().get(0).values()[600]);
    }

    @Test
    void rangeQueriesRejectWhatPrometheusRejects() {
        assertBadData("invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
                () -> engine.rangeQuery(querier, "up[5m]", 0, 60_000, 15_000));
        assertBadData("invalid expression type \"string\" for range query, must be Scalar or instant Vector",
                () -> engine.rangeQuery(querier, "\"x\"", 0, 60_000, 15_000));
        assertBadData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
                () -> engine.rangeQuery(querier, "up", 0, 11_001_000, 1000));
        assertBadData("zero or negative query resolution step widths are not accepted. Try a positive integer",
                () -> engine.rangeQuery(querier, "up", 0, 60_000, 0));
        assertBadData("end timestamp must not be before start time", () -> engine.rangeQuery(querier, "up", 60_000, 0, 1000));
        engine.rangeQuery(querier, "up", 0, 11_000_000, 1000);
    }

    private static void assertBadData(String message, Runnable query) {
        QueryException e = assertThrows(QueryException.class, query::run);
        assertEquals(QueryException.ErrorType.BAD_DATA, e.errorType());
        assertEquals("bad_data", e.errorType().apiName());
        assertEquals(message, e.getMessage());
    }

    @Test
    void tooManySamplesIsAnExecutionError() {
        Engine small = new Engine(EngineOptions.defaults().withMaxSamples(5000));
        QueryException e = assertThrows(QueryException.class, () -> small.rangeQuery(querier, "many", 0, 600_000, 15_000));
        assertEquals(QueryException.ErrorType.EXECUTION, e.errorType());
        assertEquals("query processing would load too many samples into memory in query execution", e.getMessage());
        assertEquals(1000, ((QueryResult.Vector) small.instantQuery(querier, "many", 600_000)).samples().size(),
                "one sample per series fits");
        assertThrows(QueryException.class, () -> small.instantQuery(querier, "many[10m]", 600_000),
                "a range vector result holds 41 samples of each series");
        assertEquals(1, ((QueryResult.Vector) small.instantQuery(querier, "sum(rate(many[10m]))", 600_000)).samples().size(),
                "a range function reads one series' samples at a time");
    }

    @Test
    void aQueryPastItsTimeoutIsATimeoutError() {
        Engine impatient = new Engine(EngineOptions.defaults().withTimeout(Duration.ofMillis(1)));
        QueryException e = assertThrows(QueryException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                impatient.rangeQuery(querier, "sum by (i) (rate(many[1m]) * on(i) many)", 0, 600_000, 1000);
            }
        });
        assertEquals(QueryException.ErrorType.TIMEOUT, e.errorType());
        assertEquals("query timed out in expression evaluation", e.getMessage());
    }

    @Test
    void anInterruptedQueryIsCanceled() {
        Thread.currentThread().interrupt();
        try {
            QueryException e = assertThrows(QueryException.class, () -> engine.rangeQuery(querier, "many", 0, 600_000, 15_000));
            assertEquals(QueryException.ErrorType.CANCELED, e.errorType());
            assertEquals("query was canceled in expression evaluation", e.getMessage());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void executionErrorsNameTheProblem() {
        QueryException e = assertThrows(QueryException.class, () -> engine.instantQuery(querier, "up * on() up", 0));
        assertEquals(QueryException.ErrorType.EXECUTION, e.errorType());
        assertEquals("found duplicate series for the match group {} on the right hand-side of the operation: "
                + "[{__name__=\"up\", job=\"b\"}, {__name__=\"up\", job=\"a\"}];many-to-many matching not allowed: matching labels must be unique on one side",
                e.getMessage());
        assertInstanceOf(ParseException.class, assertThrows(IllegalArgumentException.class, () -> engine.instantQuery(querier, "up +", 0)));
    }
}
