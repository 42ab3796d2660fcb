package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.promql.Expr.BinaryExpr;
import io.promrelay.promql.Expr.VectorMatching;
import io.promrelay.promql.Expr.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary operators between scalars and vectors, with Prometheus's vector matching: one-to-one,
 * many-to-one and one-to-many (group_left/group_right), and the set operators and/or/unless.
 */
final class BinaryOperators {
    private final Evaluator ev;

    BinaryOperators(Evaluator ev) {
        this.ev = ev;
    }

    StepValue evaluate(BinaryExpr b, EvalRange r) {
        StepValue lhs = ev.eval(b.lhs(), r);
        StepValue rhs = ev.eval(b.rhs(), r);
        if (lhs instanceof StepValue.Scalars l && rhs instanceof StepValue.Scalars rs) {
            double[] out = new double[r.steps()];
            for (int i = 0; i < out.length; i++) {
                out[i] = scalarOp(b.op(), l.values()[i], rs.values()[i]);
            }
            return new StepValue.Scalars(out);
        }
        StepValue.Vectors out;
        if (lhs instanceof StepValue.Vectors l && rhs instanceof StepValue.Vectors rv) {
            out = b.op().isSetOperator() ? setOperation(b, l, rv, r) : match(b, l, rv, r);
            ev.release(l);
            ev.release(rv);
        } else if (lhs instanceof StepValue.Vectors l) {
            out = withScalar(b, l, ((StepValue.Scalars) rhs).values(), false, r);
            ev.release(l);
        } else {
            StepValue.Vectors v = (StepValue.Vectors) rhs;
            out = withScalar(b, v, ((StepValue.Scalars) lhs).values(), true, r);
            ev.release(v);
        }
        ev.limits.add(out.slots());
        return out;
    }

    private static double scalarOp(BinaryOp op, double l, double r) {
        if (op.isComparison()) {
            return compare(op, l, r) ? 1 : 0;
        }
        return arithmetic(op, l, r);
    }

    static double arithmetic(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> FloatMath.pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            default -> throw new IllegalArgumentException("not an arithmetic operator: " + op);
        };
    }

    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQL -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> throw new IllegalArgumentException("not a comparison operator: " + op);
        };
    }

    /**
     * A vector and a scalar: a comparison without bool filters and keeps the vector's value, whichever
     * side it is on; arithmetic and bool comparisons drop the metric name.
     */
    private StepValue.Vectors withScalar(BinaryExpr b, StepValue.Vectors v, double[] scalar, boolean scalarOnLeft, EvalRange r) {
        boolean dropName = b.op().dropsMetricName() || b.returnBool();
        SeriesCollector out = new SeriesCollector(r.steps());
        for (StepSeries s : v.series()) {
            ev.limits.checkTime();
            StepSeries target = null;
            for (int i = 0; i < r.steps(); i++) {
                if (!s.has(i)) {
                    continue;
                }
                double l = scalarOnLeft ? scalar[i] : s.get(i);
                double rv = scalarOnLeft ? s.get(i) : scalar[i];
                double value;
                if (b.op().isComparison()) {
                    boolean keep = compare(b.op(), l, rv);
                    if (!keep && !b.returnBool()) {
                        continue;
                    }
                    value = b.returnBool() ? (keep ? 1 : 0) : s.get(i);
                } else {
                    value = arithmetic(b.op(), l, rv);
                }
                if (target == null) {
                    target = out.get(dropName ? Evaluator.dropMetricName(s.labels) : s.labels);
                }
                target.setUnique(i, value);
            }
        }
        return out.result();
    }

    /** The labels two samples are matched on. */
    private static Labels signature(Labels labels, VectorMatching m) {
        Labels.Builder b = new Labels.Builder();
        if (m.on()) {
            for (String name : m.labels()) {
                String v = labels.get(name);
                if (v != null) {
                    b.set(name, v);
                }
            }
            return b.build();
        }
        b = labels.toBuilder().delete(Labels.METRIC_NAME);
        for (String name : m.labels()) {
            b.delete(name);
        }
        return b.build();
    }

    private static Labels[] signatures(List<StepSeries> series, VectorMatching m) {
        Labels[] sigs = new Labels[series.size()];
        for (int i = 0; i < sigs.length; i++) {
            sigs[i] = signature(series.get(i).labels, m);
        }
        return sigs;
    }

    /**
     * and / unless: the left samples that have (or lack) a match on the right at the same step;
     * or: all left samples, and the right samples whose match group has none on the left at that step.
     */
    private StepValue.Vectors setOperation(BinaryExpr b, StepValue.Vectors l, StepValue.Vectors rv, EvalRange r) {
        Labels[] ls = signatures(l.series(), b.matching());
        Labels[] rs = signatures(rv.series(), b.matching());
        SeriesCollector out = new SeriesCollector(r.steps());
        Set<Labels> present = new HashSet<>();
        for (int i = 0; i < r.steps(); i++) {
            ev.limits.checkTime();
            boolean or = b.op() == BinaryOp.OR;
            presentSignatures(or ? l.series() : rv.series(), or ? ls : rs, i, present);
            for (int k = 0; k < ls.length; k++) {
                StepSeries s = l.series().get(k);
                if (s.has(i) && (or || present.contains(ls[k]) == (b.op() == BinaryOp.AND))) {
                    out.get(s.labels).set(i, s.get(i));
                }
            }
            for (int k = 0; or && k < rs.length; k++) {
                StepSeries s = rv.series().get(k);
                if (s.has(i) && !present.contains(rs[k])) {
                    out.get(s.labels).set(i, s.get(i));
                }
            }
        }
        return out.result();
    }

    private static void presentSignatures(List<StepSeries> series, Labels[] sigs, int step, Set<Labels> into) {
        into.clear();
        for (int k = 0; k < sigs.length; k++) {
            if (series.get(k).has(step)) {
                into.add(sigs[k]);
            }
        }
    }

    /** Arithmetic and comparisons between two vectors. */
    private StepValue.Vectors match(BinaryExpr b, StepValue.Vectors l, StepValue.Vectors rv, EvalRange r) {
        VectorMatching m = b.matching();
        boolean swapped = m.card() == Cardinality.ONE_TO_MANY;
        List<StepSeries> many = swapped ? rv.series() : l.series();
        List<StepSeries> one = swapped ? l.series() : rv.series();
        Labels[] manySigs = signatures(many, m);
        Labels[] oneSigs = signatures(one, m);
        Map<Long, Labels> resultLabels = new HashMap<>();
        SeriesCollector out = new SeriesCollector(r.steps());
        Map<Labels, Integer> oneBySig = new HashMap<>();
        Map<Labels, Set<Labels>> matched = new HashMap<>();
        for (int i = 0; i < r.steps(); i++) {
            ev.limits.checkTime();
            oneBySig.clear();
            matched.clear();
            for (int k = 0; k < one.size(); k++) {
                if (!one.get(k).has(i)) {
                    continue;
                }
                Integer dup = oneBySig.putIfAbsent(oneSigs[k], k);
                if (dup != null) {
                    throw QueryException.execution("found duplicate series for the match group " + oneSigs[k]
                            + " on the " + (swapped ? "left" : "right") + " hand-side of the operation: ["
                            + withName(one.get(k).labels) + ", " + withName(one.get(dup).labels)
                            + "];many-to-many matching not allowed: matching labels must be unique on one side");
                }
            }
            for (int k = 0; k < many.size(); k++) {
                StepSeries ms = many.get(k);
                if (!ms.has(i)) {
                    continue;
                }
                Integer o = oneBySig.get(manySigs[k]);
                if (o == null) {
                    continue;
                }
                StepSeries os = one.get(o);
                double fl = swapped ? os.get(i) : ms.get(i);
                double fr = swapped ? ms.get(i) : os.get(i);
                double value;
                if (b.op().isComparison()) {
                    boolean keep = compare(b.op(), fl, fr);
                    if (!keep && !b.returnBool()) {
                        continue;
                    }
                    value = b.returnBool() ? (keep ? 1 : 0) : fl;
                } else {
                    value = arithmetic(b.op(), fl, fr);
                }
                long pair = ((long) k << 32) | o;
                Labels labels = resultLabels.computeIfAbsent(pair, p -> resultLabels(ms.labels, os.labels, b));
                Set<Labels> inserted = matched.get(manySigs[k]);
                if (m.card() == Cardinality.ONE_TO_ONE) {
                    if (inserted != null) {
                        throw QueryException.execution("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                    }
                    matched.put(manySigs[k], Set.of());
                } else {
                    if (inserted == null) {
                        inserted = new HashSet<>();
                        matched.put(manySigs[k], inserted);
                    }
                    if (!inserted.add(labels)) {
                        throw QueryException.execution("multiple matches for labels: grouping labels must ensure unique matches");
                    }
                }
                out.get(labels).setUnique(i, value);
            }
        }
        return out.result();
    }

    /** Prometheus's form of a label set in messages: {__name__="up", job="a"}. */
    private static String withName(Labels labels) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < labels.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(labels.name(i)).append('=').append(GoQuote.quote(labels.value(i)));
        }
        return sb.append('}').toString();
    }

    /** The labels of a result: from the "many" side, narrowed for one-to-one, plus group_x labels from the "one" side. */
    private static Labels resultLabels(Labels many, Labels one, BinaryExpr b) {
        VectorMatching m = b.matching();
        Labels.Builder lb = many.toBuilder();
        if (b.op().dropsMetricName() || b.returnBool()) {
            lb.delete(Labels.METRIC_NAME);
        }
        if (m.card() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                List<String> drop = new ArrayList<>();
                for (int i = 0; i < lb.size(); i++) {
                    if (!m.labels().contains(lb.name(i))) {
                        drop.add(lb.name(i));
                    }
                }
                drop.forEach(lb::delete);
            } else {
                m.labels().forEach(lb::delete);
            }
        }
        for (String name : m.include()) {
            String v = one.get(name);
            if (v != null) {
                lb.set(name, v);
            } else {
                lb.delete(name);
            }
        }
        return lb.build();
    }
}
