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
import io.promrelay.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for PromQL with precedence climbing for binary operators. It checks
 * types as Prometheus does, so an expression it returns can be evaluated without further checks.
 */
public final class Parser {
    /** Unary minus binds like multiplication: {@code -2^2} is {@code -(2^2)}, {@code -a*b} is {@code (-a)*b}. */
    private static final int UNARY_OPERAND_PRECEDENCE = BinaryOp.POW.precedence();

    private final String input;
    private final List<Token> tokens;
    private int index;

    private Parser(String input) {
        this.input = input;
        this.tokens = Lexer.tokenize(input);
    }

    /** @throws ParseException naming the position and the problem */
    public static Expr parse(String query) {
        Parser p = new Parser(query);
        if (p.peek().is(Kind.EOF)) {
            throw new ParseException(query, 0, "no expression found in input");
        }
        Expr e = p.expression(0);
        if (!p.peek().is(Kind.EOF)) {
            throw p.unexpected(p.peek());
        }
        return e;
    }

    /** Parses a bare series selector such as {@code up{job="a"}}, as /federate and the series APIs take it. */
    public static VectorSelector parseSelector(String selector) {
        Expr e = parse(selector);
        if (e instanceof VectorSelector vs && vs.offsetMillis() == 0 && vs.at() == null) {
            return vs;
        }
        throw new ParseException(selector, 0, "expected a series selector, got " + e.type().displayName() + " \"" + e + "\"");
    }

    private Expr expression(int minPrecedence) {
        Expr lhs = unary();
        while (true) {
            Token opToken = peek();
            BinaryOp op = binaryOp(opToken);
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            index++;
            boolean returnBool = false;
            if (peek().isKeyword("bool")) {
                index++;
                returnBool = true;
            }
            VectorMatching matching = vectorMatching();
            Expr rhs = expression(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = binary(opToken, op, lhs, rhs, matching, returnBool);
        }
    }

    private Expr unary() {
        Token t = peek();
        if (t.is(Kind.SUB) || t.is(Kind.ADD)) {
            index++;
            Expr operand = expression(UNARY_OPERAND_PRECEDENCE);
            if (operand instanceof NumberLiteral n) {
                return t.is(Kind.SUB) ? new NumberLiteral(-n.value()) : n;
            }
            if (operand.type() != ValueType.SCALAR && operand.type() != ValueType.VECTOR) {
                throw error(t, "unary expression only allowed on expressions of type scalar or instant vector, got \""
                        + operand.type().displayName() + "\"");
            }
            return new UnaryExpr(t.is(Kind.SUB), operand);
        }
        return postfix(primary());
    }

    private Expr primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
                return new NumberLiteral(number(t));
            case STRING:
                return new StringLiteral(t.text());
            case LEFT_PAREN: {
                Expr inner = expression(0);
                expect(Kind.RIGHT_PAREN, "unclosed left parenthesis");
                return new ParenExpr(inner);
            }
            case LEFT_BRACE:
                return selector(null, t);
            case IDENTIFIER:
                return identifierExpression(t);
            default:
                throw unexpected(t);
        }
    }

    private Expr identifierExpression(Token t) {
        AggregateOp agg = AggregateOp.byKeyword(t.text());
        Token after = peek();
        if (agg != null && (after.is(Kind.LEFT_PAREN) || after.isKeyword("by") || after.isKeyword("without"))) {
            return aggregation(agg, t);
        }
        if (after.is(Kind.LEFT_PAREN)) {
            Function f = Function.byName(t.text());
            if (f == null) {
                throw error(t, "unknown function with name \"" + t.text() + "\"");
            }
            index++;
            return call(f, t);
        }
        if (after.is(Kind.LEFT_BRACE)) {
            index++;
        }
        return selector(t.text(), after.is(Kind.LEFT_BRACE) ? after : null);
    }

    private Expr call(Function f, Token nameToken) {
        List<Token> starts = new ArrayList<>();
        List<Expr> args = arguments(starts);
        checkArgumentCount(f, args.size(), nameToken);
        for (int i = 0; i < args.size(); i++) {
            expectType(args.get(i), f.argType(i), "call to function \"" + f.name() + "\"", starts.get(i));
        }
        return new Call(f, args);
    }

    /** A parenthesised argument list after its '('; {@code starts} receives each argument's first token. */
    private List<Expr> arguments(List<Token> starts) {
        List<Expr> args = new ArrayList<>();
        if (!peek().is(Kind.RIGHT_PAREN)) {
            do {
                if (peek().is(Kind.RIGHT_PAREN)) {
                    break;
                }
                starts.add(peek());
                args.add(expression(0));
            } while (accept(Kind.COMMA));
        }
        expect(Kind.RIGHT_PAREN, "unclosed left parenthesis");
        return args;
    }

    private void checkArgumentCount(Function f, int given, Token at) {
        int fixed = f.argTypes().size();
        if (f.variadic() == 0 && given != fixed) {
            throw error(at, "expected " + fixed + " argument(s) in call to \"" + f.name() + "\", got " + given);
        }
        int min = f.variadic() > 0 ? fixed - f.variadic() : f.variadic() < 0 ? fixed - 1 : fixed;
        if (given < min) {
            throw error(at, "expected at least " + min + " argument(s) in call to \"" + f.name() + "\", got " + given);
        }
        if (f.variadic() > 0 && given > fixed) {
            throw error(at, "expected at most " + fixed + " argument(s) in call to \"" + f.name() + "\", got " + given);
        }
    }

    private Expr aggregation(AggregateOp op, Token opToken) {
        List<String> grouping = List.of();
        boolean without = false;
        boolean groupingSeen = false;
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            without = next().isKeyword("without");
            grouping = labelList();
            groupingSeen = true;
        }
        expect(Kind.LEFT_PAREN, "expected \"(\" after aggregation operator");
        List<Token> starts = new ArrayList<>();
        List<Expr> args = arguments(starts);
        if (peek().isKeyword("by") || peek().isKeyword("without")) {
            if (groupingSeen) {
                throw error(peek(), "aggregation must only contain one grouping clause");
            }
            without = next().isKeyword("without");
            grouping = labelList();
        }
        int expected = op.parameterType() == null ? 1 : 2;
        if (args.size() != expected) {
            throw error(opToken, "wrong number of arguments for aggregate expression provided, expected "
                    + expected + ", got " + args.size());
        }
        Expr param = expected == 2 ? args.get(0) : null;
        Expr body = args.get(expected - 1);
        expectType(body, ValueType.VECTOR, "aggregation expression", starts.get(expected - 1));
        if (param != null) {
            expectType(param, op.parameterType(), "aggregation parameter", starts.get(0));
        }
        return new AggregateExpr(op, body, param, grouping, without);
    }

    /** A parenthesised list of label names, as after by, without, on, ignoring and group_left. */
    private List<String> labelList() {
        expect(Kind.LEFT_PAREN, "expected \"(\" before the label list");
        List<String> names = new ArrayList<>();
        while (!accept(Kind.RIGHT_PAREN)) {
            names.add(labelName(next()));
            if (!peek().is(Kind.RIGHT_PAREN)) {
                expect(Kind.COMMA, "expected \",\" or \")\" in grouping opts");
            }
        }
        return names;
    }

    /** A label name; "inf" and "nan" lex as numbers but are valid label names, as in Prometheus. */
    private String labelName(Token t) {
        boolean word = t.is(Kind.IDENTIFIER) || (t.is(Kind.NUMBER) && Character.isLetter(t.text().charAt(0)));
        if (!word || t.text().indexOf(':') >= 0) {
            throw error(t, "unexpected " + t.describe() + ", expected label name");
        }
        return t.text();
    }

    /** A vector selector; {@code brace} is the already consumed '{' or null when there is none. */
    private VectorSelector selector(String name, Token brace) {
        List<Matcher> matchers = new ArrayList<>();
        if (name != null) {
            matchers.add(Matcher.equal(Labels.METRIC_NAME, name));
        }
        if (brace != null) {
            while (!accept(Kind.RIGHT_BRACE)) {
                if (peek().is(Kind.EOF)) {
                    throw error(peek(), "unexpected end of input inside braces");
                }
                Token label = next();
                String labelName = labelName(label);
                Token op = next();
                Matcher.Type type = switch (op.kind()) {
                    case ASSIGN -> Matcher.Type.EQUAL;
                    case NEQ -> Matcher.Type.NOT_EQUAL;
                    case EQL_REGEX -> Matcher.Type.REGEX;
                    case NEQ_REGEX -> Matcher.Type.NOT_REGEX;
                    default -> throw error(op, "unexpected " + op.describe() + " in label matching, expected label matching operator");
                };
                Token value = next();
                if (!value.is(Kind.STRING)) {
                    throw error(value, "unexpected " + value.describe() + " in label matching, expected string");
                }
                if (name != null && labelName.equals(Labels.METRIC_NAME)) {
                    throw error(label, "metric name must not be set twice: \"" + name + "\" or \"" + value.text() + "\"");
                }
                try {
                    matchers.add(Matcher.of(type, labelName, value.text()));
                } catch (IllegalArgumentException e) {
                    throw error(value, e.getMessage());
                }
                if (peek().is(Kind.EOF)) {
                    throw error(peek(), "unexpected end of input inside braces");
                }
                if (!peek().is(Kind.RIGHT_BRACE)) {
                    expect(Kind.COMMA, "unexpected " + peek().describe() + " in label matching, expected \",\" or \"}\"");
                }
            }
        }
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw error(brace, "vector selector must contain at least one non-empty matcher");
        }
        return new VectorSelector(name, matchers, 0, null);
    }

    /** Ranges, subqueries, offset and {@code @}, which bind tighter than any operator. */
    private Expr postfix(Expr e) {
        boolean offsetSet = false;
        boolean atSet = false;
        while (true) {
            Token t = peek();
            if (t.is(Kind.LEFT_BRACKET)) {
                index++;
                e = rangeOrSubquery(e, t, offsetSet ? "offset" : atSet ? "@" : null);
                offsetSet = false;
                atSet = false;
            } else if (t.isKeyword("offset")) {
                index++;
                if (offsetSet) {
                    throw error(t, "offset may not be set multiple times");
                }
                e = withOffset(e, offset(), t);
                offsetSet = true;
            } else if (t.is(Kind.AT)) {
                index++;
                if (atSet) {
                    throw error(t, "@ <timestamp> may not be set multiple times");
                }
                e = withAt(e, at(), t);
                atSet = true;
            } else {
                return e;
            }
        }
    }

    /** {@code modifier} names a modifier already applied to {@code e} ("offset" or "@"), or is null. */
    private Expr rangeOrSubquery(Expr e, Token bracket, String modifier) {
        long range = duration(next(), "range");
        if (accept(Kind.COLON)) {
            long step = peek().is(Kind.RIGHT_BRACKET) ? 0 : duration(next(), "subquery step");
            expect(Kind.RIGHT_BRACKET, "unclosed left bracket");
            if (e.type() != ValueType.VECTOR) {
                throw error(bracket, "subquery is only allowed on instant vector, got " + e.type().displayName() + " instead");
            }
            return new SubqueryExpr(e, range, step, 0, null);
        }
        expect(Kind.RIGHT_BRACKET, "unclosed left bracket");
        if (!(e instanceof VectorSelector vs)) {
            throw error(bracket, "ranges only allowed for vector selectors");
        }
        if (modifier != null) {
            throw error(bracket, "no " + modifier + " modifiers allowed before range");
        }
        return new MatrixSelector(vs, range);
    }

    private long duration(Token t, String what) {
        if (!t.is(Kind.DURATION) && !(t.is(Kind.NUMBER) && t.text().equals("0"))) {
            throw error(t, "unexpected " + t.describe() + ", expected duration for the " + what);
        }
        long millis;
        try {
            millis = PrometheusDuration.parse(t.text()).toMillis();
        } catch (IllegalArgumentException e) {
            // The lexer takes units in any order, as Prometheus's does; Prometheus's duration parser then refuses.
            throw error(t, e.getMessage());
        }
        if (millis == 0 && !what.equals("offset")) {
            throw error(t, "duration must be greater than 0");
        }
        return millis;
    }

    private long offset() {
        boolean negative = accept(Kind.SUB);
        if (!negative) {
            accept(Kind.ADD);
        }
        long millis = duration(next(), "offset");
        return negative ? -millis : millis;
    }

    private At at() {
        Token t = next();
        if ((t.isKeyword("start") || t.isKeyword("end")) && accept(Kind.LEFT_PAREN)) {
            expect(Kind.RIGHT_PAREN, "expected \")\" after " + t.text() + "(");
            return new At(t.isKeyword("start") ? At.Kind.START : At.Kind.END, 0);
        }
        boolean negative = t.is(Kind.SUB);
        if (negative || t.is(Kind.ADD)) {
            t = next();
        }
        if (!t.is(Kind.NUMBER)) {
            throw error(t, "unexpected " + t.describe() + " in @, expected timestamp");
        }
        double seconds = number(t) * (negative ? -1 : 1);
        double millis = Math.rint(seconds * 1000);
        if (Double.isNaN(millis) || Math.abs(millis) > (double) Long.MAX_VALUE / 2) {
            throw error(t, "timestamp out of bounds for @ modifier: " + seconds);
        }
        return At.of((long) millis);
    }

    private Expr withOffset(Expr e, long offset, Token t) {
        if (e instanceof VectorSelector vs) {
            return new VectorSelector(vs.name(), vs.matchers(), offset, vs.at());
        }
        if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            return new MatrixSelector(new VectorSelector(vs.name(), vs.matchers(), offset, vs.at()), ms.rangeMillis());
        }
        if (e instanceof SubqueryExpr sq) {
            return new SubqueryExpr(sq.expr(), sq.rangeMillis(), sq.stepMillis(), offset, sq.at());
        }
        throw error(t, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private Expr withAt(Expr e, At at, Token t) {
        if (e instanceof VectorSelector vs) {
            return new VectorSelector(vs.name(), vs.matchers(), vs.offsetMillis(), at);
        }
        if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            return new MatrixSelector(new VectorSelector(vs.name(), vs.matchers(), vs.offsetMillis(), at), ms.rangeMillis());
        }
        if (e instanceof SubqueryExpr sq) {
            return new SubqueryExpr(sq.expr(), sq.rangeMillis(), sq.stepMillis(), sq.offsetMillis(), at);
        }
        throw error(t, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    /** on/ignoring and group_left/group_right after a binary operator, or null when none is written. */
    private VectorMatching vectorMatching() {
        Token t = peek();
        if (!t.isKeyword("on") && !t.isKeyword("ignoring")) {
            return null;
        }
        index++;
        boolean on = t.isKeyword("on");
        List<String> labels = labelList();
        Cardinality card = Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        Token g = peek();
        if (g.isKeyword("group_left") || g.isKeyword("group_right")) {
            index++;
            card = g.isKeyword("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
            if (peek().is(Kind.LEFT_PAREN)) {
                include = labelList();
            }
            if (on) {
                for (String l : include) {
                    if (labels.contains(l)) {
                        throw error(g, "label \"" + l + "\" must not occur in ON and GROUP clause at once");
                    }
                }
            }
        }
        return new VectorMatching(card, labels, on, include);
    }

    private Expr binary(Token opToken, BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool) {
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        if ((lt != ValueType.SCALAR && lt != ValueType.VECTOR) || (rt != ValueType.SCALAR && rt != ValueType.VECTOR)) {
            throw error(opToken, "binary expression must contain only scalar and instant vector types");
        }
        if (returnBool && !op.isComparison()) {
            throw error(opToken, "bool modifier can only be used on comparison operators");
        }
        if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(opToken, "comparisons between scalars must use BOOL modifier");
        }
        boolean bothVectors = lt == ValueType.VECTOR && rt == ValueType.VECTOR;
        if (op.isSetOperator() && !bothVectors) {
            throw error(opToken, "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
        }
        if (matching != null && !bothVectors) {
            throw error(opToken, "vector matching only allowed between instant vectors");
        }
        if (!bothVectors) {
            return new BinaryExpr(op, lhs, rhs, null, returnBool);
        }
        if (matching == null) {
            matching = new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of());
        }
        if (op.isSetOperator()) {
            if (matching.card() != Cardinality.ONE_TO_ONE) {
                throw error(opToken, "no grouping allowed for \"" + op.symbol() + "\" operation");
            }
            matching = new VectorMatching(Cardinality.MANY_TO_MANY, matching.labels(), matching.on(), matching.include());
        }
        return new BinaryExpr(op, lhs, rhs, matching, returnBool);
    }

    private void expectType(Expr e, ValueType want, String context, Token at) {
        if (e.type() != want) {
            throw error(at, "expected type " + want.displayName() + " in " + context + ", got " + e.type().displayName());
        }
    }

    private static BinaryOp binaryOp(Token t) {
        return switch (t.kind()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            case EQLC -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case GTR -> BinaryOp.GTR;
            case LSS -> BinaryOp.LSS;
            case GTE -> BinaryOp.GTE;
            case LTE -> BinaryOp.LTE;
            case IDENTIFIER -> t.isKeyword("and") ? BinaryOp.AND : t.isKeyword("or") ? BinaryOp.OR
                    : t.isKeyword("unless") ? BinaryOp.UNLESS : t.isKeyword("atan2") ? BinaryOp.ATAN2 : null;
            default -> null;
        };
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (!t.is(Kind.EOF)) {
            index++;
        }
        return t;
    }

    private boolean accept(Kind kind) {
        if (peek().is(kind)) {
            index++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind, String problem) {
        Token t = next();
        if (!t.is(kind)) {
            throw error(t, t.is(Kind.EOF) ? problem : "unexpected " + t.describe() + ": " + problem);
        }
    }

    /** The lexer takes a bare base prefix such as {@code 0x} for a number, as Prometheus's does; Go's parse then fails. */
    private double number(Token t) {
        try {
            return NumberSyntax.parse(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "error parsing number: strconv.ParseFloat: parsing " + GoQuote.quote(t.text()) + ": invalid syntax");
        }
    }

    private ParseException unexpected(Token t) {
        return error(t, "unexpected " + t.describe());
    }

    private ParseException error(Token t, String problem) {
        return new ParseException(input, t == null ? 0 : t.pos(), problem);
    }
}
