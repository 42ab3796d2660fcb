package io.promrelay.promql;

import io.promrelay.model.Matcher;
import java.util.List;

/**
 * A parsed PromQL expression. Durations and timestamps are in milliseconds. {@link #toString()} is
 * the canonical form Prometheus's formatter prints.
 */
public sealed interface Expr {
    /** The expression's value type, as Prometheus's type checker sees it. */
    default ValueType type() {
        if (this instanceof NumberLiteral) {
            return ValueType.SCALAR;
        }
        if (this instanceof StringLiteral) {
            return ValueType.STRING;
        }
        if (this instanceof MatrixSelector || this instanceof SubqueryExpr) {
            return ValueType.MATRIX;
        }
        if (this instanceof BinaryExpr b) {
            return b.lhs().type() == ValueType.SCALAR && b.rhs().type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
        }
        if (this instanceof UnaryExpr u) {
            return u.expr().type();
        }
        if (this instanceof ParenExpr p) {
            return p.expr().type();
        }
        if (this instanceof Call c) {
            return c.function().returnType();
        }
        return ValueType.VECTOR;
    }

    record NumberLiteral(double value) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    record StringLiteral(String value) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    /**
     * {@code name{matchers} offset 5m @ 100}; {@code matchers} includes the name as a {@code __name__}
     * matcher when a name was written. {@code at} is null without an {@code @} modifier.
     */
    record VectorSelector(String name, List<Matcher> matchers, long offsetMillis, At at) implements Expr {
        public VectorSelector {
            matchers = List.copyOf(matchers);
        }

        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    /** {@code expr[range:step]}; {@code stepMillis} is 0 for {@code [range:]}, the engine's default step. */
    record SubqueryExpr(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, At at) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    /** {@code param} is null for operators without one; {@code grouping} lists the by/without labels. */
    record AggregateExpr(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without) implements Expr {
        public AggregateExpr {
            grouping = List.copyOf(grouping);
        }

        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    /** {@code matching} is null unless both sides are instant vectors. */
    record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    /** Unary minus ({@code negate}) or plus. */
    record UnaryExpr(boolean negate, Expr expr) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    record ParenExpr(Expr expr) implements Expr {
        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    record Call(Function function, List<Expr> args) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toString() { return ExprPrinter.print(this); }
    }

    /** An {@code @} modifier: a fixed time, or the query's start or end. */
    record At(Kind kind, long timestampMillis) {
        public enum Kind { TIMESTAMP, START, END }

        static At of(long timestampMillis) {
            return new At(Kind.TIMESTAMP, timestampMillis);
        }
    }

    /**
     * How two vectors' samples pair up. {@code card} is the cardinality; {@code on} tells whether
     * {@code labels} are the ones matched on (on) or ignored (ignoring); {@code include} lists the
     * group_left/group_right labels copied from the "one" side.
     */
    record VectorMatching(Cardinality card, List<String> labels, boolean on, List<String> include) {
        public enum Cardinality { ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY }

        public VectorMatching {
            labels = List.copyOf(labels);
            include = List.copyOf(include);
        }

        /** Whether a clause must be printed: on, ignoring with labels, or a group modifier. */
        boolean explicit() {
            return on || !labels.isEmpty() || card == Cardinality.MANY_TO_ONE || card == Cardinality.ONE_TO_MANY;
        }
    }
}
