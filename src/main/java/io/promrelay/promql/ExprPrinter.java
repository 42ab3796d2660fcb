package io.promrelay.promql;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.promql.Expr.AggregateExpr;
import io.promrelay.promql.Expr.At;
import io.promrelay.promql.Expr.BinaryExpr;
import io.promrelay.promql.Expr.Call;
import io.promrelay.promql.Expr.MatrixSelector;
import io.promrelay.promql.Expr.NumberLiteral;
import io.promrelay.promql.Expr.ParenExpr;
import io.promrelay.promql.Expr.StringLiteral;
import io.promrelay.promql.Expr.SubqueryExpr;
import io.promrelay.promql.Expr.UnaryExpr;
import io.promrelay.promql.Expr.VectorMatching;
import io.promrelay.promql.Expr.VectorMatching.Cardinality;
import io.promrelay.promql.Expr.VectorSelector;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** Prints an expression in the canonical one-line form of Prometheus's {@code String()} methods. */
public final class ExprPrinter {
    private ExprPrinter() {
    }

    public static String print(Expr e) {
        if (e instanceof NumberLiteral n) {
            return number(n.value());
        }
        if (e instanceof StringLiteral s) {
            return GoQuote.quote(s.value());
        }
        if (e instanceof VectorSelector vs) {
            return selector(vs) + modifiers(vs.at(), vs.offsetMillis());
        }
        if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            return selector(vs) + "[" + duration(ms.rangeMillis()) + "]" + modifiers(vs.at(), vs.offsetMillis());
        }
        if (e instanceof SubqueryExpr sq) {
            String step = sq.stepMillis() == 0 ? "" : duration(sq.stepMillis());
            return print(sq.expr()) + "[" + duration(sq.rangeMillis()) + ":" + step + "]" + modifiers(sq.at(), sq.offsetMillis());
        }
        if (e instanceof AggregateExpr a) {
            return aggregate(a);
        }
        if (e instanceof BinaryExpr b) {
            return print(b.lhs()) + " " + b.op().symbol() + (b.returnBool() ? " bool" : "") + matching(b.matching())
                    + " " + print(b.rhs());
        }
        if (e instanceof UnaryExpr u) {
            return (u.negate() ? "-" : "+") + print(u.expr());
        }
        if (e instanceof ParenExpr p) {
            return "(" + print(p.expr()) + ")";
        }
        Call c = (Call) e;
        return c.function().name() + "(" + c.args().stream().map(ExprPrinter::print).collect(Collectors.joining(", ")) + ")";
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: never an exponent. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String selector(VectorSelector vs) {
        List<String> shown = new ArrayList<>();
        for (Matcher m : vs.matchers()) {
            boolean isName = m.name().equals(Labels.METRIC_NAME) && m.type() == Matcher.Type.EQUAL && m.value().equals(vs.name());
            if (!isName) {
                shown.add(m.name() + m.type().symbol() + GoQuote.quote(m.value()));
            }
        }
        String name = vs.name() == null ? "" : vs.name();
        if (shown.isEmpty()) {
            return name;
        }
        Collections.sort(shown);
        return name + "{" + String.join(",", shown) + "}";
    }

    private static String modifiers(At at, long offsetMillis) {
        StringBuilder sb = new StringBuilder();
        if (at != null) {
            switch (at.kind()) {
                case START -> sb.append(" @ start()");
                case END -> sb.append(" @ end()");
                default -> sb.append(" @ ").append(BigDecimal.valueOf(at.timestampMillis()).movePointLeft(3).setScale(3).toPlainString());
            }
        }
        if (offsetMillis > 0) {
            sb.append(" offset ").append(duration(offsetMillis));
        } else if (offsetMillis < 0) {
            sb.append(" offset -").append(duration(-offsetMillis));
        }
        return sb.toString();
    }

    private static String aggregate(AggregateExpr a) {
        StringBuilder sb = new StringBuilder(a.op().keyword());
        if (a.without()) {
            sb.append(" without (").append(String.join(", ", a.grouping())).append(") ");
        } else if (!a.grouping().isEmpty()) {
            sb.append(" by (").append(String.join(", ", a.grouping())).append(") ");
        }
        sb.append('(');
        if (a.param() != null) {
            sb.append(print(a.param())).append(", ");
        }
        return sb.append(print(a.expr())).append(')').toString();
    }

    private static String matching(VectorMatching m) {
        if (m == null || !m.explicit()) {
            return "";
        }
        String s = " " + (m.on() ? "on" : "ignoring") + " (" + String.join(", ", m.labels()) + ")";
        if (m.card() == Cardinality.MANY_TO_ONE || m.card() == Cardinality.ONE_TO_MANY) {
            s += " group_" + (m.card() == Cardinality.MANY_TO_ONE ? "left" : "right") + " (" + String.join(", ", m.include()) + ")";
        }
        return s;
    }

    static String duration(long millis) {
        return PrometheusDuration.format(Duration.ofMillis(millis));
    }
}
