package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promrelay.promql.Expr.BinaryExpr;
import io.promrelay.promql.Expr.NumberLiteral;
import io.promrelay.promql.Expr.UnaryExpr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParserTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\u00a7', value = {
        "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))|sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))",
        "SUM(x) BY (job)|sum by (job) (x)",
        "sum without(a,b,)(x)|sum without (a, b) (x)",
        "sum by () (x)|sum(x)",
        "topk(3,x)|topk(3, x)",
        "count_values('v', x)|count_values(\"v\", x)",
        "a+on(b)group_left(c)d|a + on (b) group_left (c) d",
        "a / ignoring(b) group_right d|a / ignoring (b) group_right () d",
        "a * ignoring() group_left(c) d|a * ignoring () group_left (c) d",
        "a>bool 1|a > bool 1",
        "a and on() b|a and on () b",
        "foo offset 5m @ 100|foo @ 100.000 offset 5m",
        "foo @ 1.5|foo @ 1.500",
        "foo[1h30m] offset -5m|foo[1h30m] offset -5m",
        "foo[90m]|foo[1h30m]",
        "foo[7d]|foo[1w]",
        "rate(foo[5m:])|rate(foo[5m:])",
        "max_over_time(rate(foo[1m])[1h:5m] @ end())|max_over_time(rate(foo[1m])[1h:5m] @ end())",
        "foo @ start()|foo @ start()",
        "(1+2)*3|(1 + 2) * 3",
        "-foo|-foo",
        "- - 1|1",
        "1 - -1|1 - -1",
        "1e6|1000000",
        ".5|0.5",
        "0x1F|31",
        "010|8",
        "Inf|+Inf",
        "-inf|-Inf",
        "nan|NaN",
        "'a\\tb\"'|\"a\\tb\\\"\"",
        "`raw\\n`|\"raw\\\\n\"",
        "foo{b='1',a=\"2\"}|foo{a=\"2\",b=\"1\"}",
        "{__name__=\"foo\",a=\"b\"}|{__name__=\"foo\",a=\"b\"}",
        "label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")|label_replace(up, \"a\", \"$1\", \"b\", \"(.*)\")",
        "round(x)|round(x)",
        "hour()|hour()",
        "job:rate5m:sum|job:rate5m:sum",
        "sum by (nan, inf, on, by) (foo{Inf=\"1\", offset=\"2\"})|sum by (nan, inf, on, by) (foo{Inf=\"1\",offset=\"2\"})",
    })
    void printsTheCanonicalForm(String query, String canonical) {
        assertEquals(canonical, Engine.parse(query).toString());
        assertEquals(canonical, Engine.parse(canonical).toString(), "the canonical form parses to itself");
    }

    @Test
    void followsPrometheusPrecedence() {
        BinaryExpr e = (BinaryExpr) Engine.parse("1 + 2 * 3");
        assertEquals(BinaryOp.ADD, e.op());
        assertInstanceOf(BinaryExpr.class, e.rhs());
        BinaryExpr pow = (BinaryExpr) Engine.parse("2 ^ 3 ^ 2");
        assertInstanceOf(NumberLiteral.class, pow.lhs(), "^ is right-associative");
        BinaryExpr sub = (BinaryExpr) Engine.parse("5 - 2 - 1");
        assertInstanceOf(BinaryExpr.class, sub.lhs(), "- is left-associative");
        BinaryExpr or = (BinaryExpr) Engine.parse("a or b and c unless d");
        assertEquals(BinaryOp.OR, or.op());
        assertEquals(BinaryOp.UNLESS, ((BinaryExpr) or.rhs()).op());
        assertInstanceOf(UnaryExpr.class, Engine.parse("-2 ^ 2"), "unary minus binds looser than ^");
        assertInstanceOf(BinaryExpr.class, ((UnaryExpr) Engine.parse("-a ^ 2")).expr());
        assertEquals(BinaryOp.MUL, ((BinaryExpr) Engine.parse("-a * 2")).op(), "unary minus binds like *");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\u00a7', value = {
        "rate(foo)|1:6: parse error: expected type range vector in call to function \"rate\", got instant vector",
        "1 / 0X|1:5: parse error: error parsing number: strconv.ParseFloat: parsing \"0X\": invalid syntax",
        "rate(x[40s0m])|1:8: parse error: not a valid duration string: \"40s0m\"",
        "metr@0x|1:6: parse error: error parsing number: strconv.ParseFloat: parsing \"0x\": invalid syntax",
        "\"\\u-ccc\"|1:4: parse error: invalid character in escape sequence",
        "\"\\U0011FFFF\"|1:4: parse error: escape sequence is an invalid Unicode code point",
        "sum(foo[5m])|1:5: parse error: expected type instant vector in aggregation expression, got range vector",
        "topk('a', foo)|1:6: parse error: expected type scalar in aggregation parameter, got string",
        "topk(foo)|1:1: parse error: wrong number of arguments for aggregate expression provided, expected 2, got 1",
        "foo{|1:5: parse error: unexpected end of input inside braces",
        "foo{a=\"b\"|1:10: parse error: unexpected end of input inside braces",
        "foo{a~\"b\"}|1:6: parse error: unexpected character: '~'",
        "foo{a=b}|1:7: parse error: unexpected identifier \"b\" in label matching, expected string",
        "sum(foo|1:8: parse error: unclosed left parenthesis",
        "foo[5m|1:7: parse error: unclosed left bracket",
        "unknown_fn(x)|1:1: parse error: unknown function with name \"unknown_fn\"",
        "1 +|1:4: parse error: unexpected end of input",
        "foo offset 5m offset 1m|1:15: parse error: offset may not be set multiple times",
        "foo @ 1 @ 2|1:9: parse error: @ <timestamp> may not be set multiple times",
        "sum(foo) offset 5m|1:10: parse error: offset modifier must be preceded by an instant vector selector or range vector selector or a subquery",
        "foo offset 5m [5m]|1:15: parse error: no offset modifiers allowed before range",
        "foo @ 5 [5m]|1:9: parse error: no @ modifiers allowed before range",
        "(foo)[5m]|1:6: parse error: ranges only allowed for vector selectors",
        "{}|1:1: parse error: vector selector must contain at least one non-empty matcher",
        "{a=~\".*\"}|1:1: parse error: vector selector must contain at least one non-empty matcher",
        "1 and 2|1:3: parse error: set operator \"and\" not allowed in binary scalar expression",
        "1 < 2|1:3: parse error: comparisons between scalars must use BOOL modifier",
        "a + bool b|1:3: parse error: bool modifier can only be used on comparison operators",
        "1 + on(a) b|1:3: parse error: vector matching only allowed between instant vectors",
        "a and on(x) group_left b|1:3: parse error: no grouping allowed for \"and\" operation",
        "a * on(x) group_left(x) b|1:11: parse error: label \"x\" must not occur in ON and GROUP clause at once",
        "foo + bar[5m]|1:5: parse error: binary expression must contain only scalar and instant vector types",
        "-foo[5m]|1:1: parse error: unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\"",
        "foo[5m][5m:]|1:8: parse error: subquery is only allowed on instant vector, got range vector instead",
        "abs(foo, bar)|1:1: parse error: expected 1 argument(s) in call to \"abs\", got 2",
        "label_join(foo)|1:1: parse error: expected at least 3 argument(s) in call to \"label_join\", got 1",
        "round(foo, 1, 2)|1:1: parse error: expected at most 2 argument(s) in call to \"round\", got 3",
        "foo{__name__=\"bar\"}|1:5: parse error: metric name must not be set twice: \"foo\" or \"bar\"",
        "foo{a=~\"(\"}|1:8: parse error: invalid regex \"(\": error parsing regexp: missing closing ): `^(?:()$`",
        "1m|1:1: parse error: unexpected duration \"1m\"",
        "foo[5x]|1:5: parse error: bad number or duration syntax: \"5x\"",
        "'abc|1:1: parse error: unterminated quoted string '",
        "\"\\q\"|1:2: parse error: unknown escape sequence '\\q'",
        "foo[0s]|1:5: parse error: duration must be greater than 0",
        "foo @ bar|1:7: parse error: unexpected identifier \"bar\" in @, expected timestamp",
    })
    void reportsErrorsWithPositionInPrometheusWording(String query, String message) {
        ParseException e = assertThrows(ParseException.class, () -> Engine.parse(query));
        assertEquals(message, e.getMessage());
    }

    @Test
    void positionsCountLinesAndColumnsAndSkipComments() {
        ParseException e = assertThrows(ParseException.class, () -> Engine.parse("sum(\n  rate(foo) # why\n)"));
        assertEquals("2:8: parse error: expected type range vector in call to function \"rate\", got instant vector", e.getMessage());
        assertEquals(2, e.line());
        assertEquals(8, e.column());
        assertEquals("foo", Engine.parse("# a comment\nfoo # another").toString());
        assertEquals("1:1: parse error: no expression found in input",
                assertThrows(ParseException.class, () -> Engine.parse(" # only a comment")).getMessage());
    }

    @Test
    void parsesBareSelectorsForTheSeriesApis() {
        assertEquals("[__name__=\"up\", job=\"a\"]", Parser.parseSelector("up{job=\"a\"}").matchers().toString());
        assertThrows(ParseException.class, () -> Parser.parseSelector("rate(up[5m])"));
        assertThrows(ParseException.class, () -> Parser.parseSelector("up offset 5m"));
    }
}
