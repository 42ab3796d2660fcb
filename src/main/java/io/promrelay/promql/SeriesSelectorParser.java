package io.promrelay.promql;

import io.promrelay.model.Matcher;
import java.util.List;

/**
 * Parses a PromQL series selector such as {@code up}, {@code http_requests_total{job="api",code=~"5.."}}
 * or {@code {__name__=~"node_.*"}}, the form that /federate's match[] and the series APIs take.
 */
public final class SeriesSelectorParser {
    private SeriesSelectorParser() {
    }

    /**
     * The selector's matchers, the metric name first as a {@code __name__} matcher when one is written.
     *
     * @throws ParseException (an IllegalArgumentException) naming the position and the problem
     */
    public static List<Matcher> parse(String selector) {
        return Parser.parseSelector(selector).matchers();
    }
}
