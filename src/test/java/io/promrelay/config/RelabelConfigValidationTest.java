package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;
import static io.promrelay.config.ConfigAssertions.onlyJob;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.RelabelConfig.Action;
import org.junit.jupiter.api.Test;

/** Prometheus's per-action relabel rules; each error points at the rule (line 4) or at the offending key. */
class RelabelConfigValidationTest {

    private static String rule(String body) {
        return "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - " + body.replace("\n", "\n        ") + "\n";
    }

    private static final String AT = "scrape_configs[0].relabel_configs[0]";

    @Test
    void actionNamesAreCaseInsensitiveAsInPrometheus() throws ConfigException {
        assertEquals(Action.LABELMAP, onlyJob(rule("action: LabelMap")).relabelConfigs().get(0).action());
    }

    @Test
    void unknownOrEmptyAction() {
        assertError(rule("action: rename"), 4, AT + ".action", "unknown relabel action \"rename\"");
        assertError(rule("action: ''"), 4, AT + ".action", "relabel action cannot be empty");
    }

    @Test
    void replaceNeedsAValidTargetLabel() {
        assertError(rule("source_labels: [a]"), 4, AT, "relabel configuration for replace action requires 'target_label' value");
        assertError(rule("target_label: 1bad"), 4, AT + ".target_label", "\"1bad\" is invalid 'target_label' for replace action");
    }

    @Test
    void replaceTargetMayReferenceGroups() throws ConfigException {
        assertEquals("${1}_x", onlyJob(rule("regex: (a)\ntarget_label: ${1}_x")).relabelConfigs().get(0).targetLabel());
    }

    @Test
    void hashmodNeedsModulusAndLabelName() {
        assertError(rule("action: hashmod\ntarget_label: h"), 4, AT, "relabel configuration for hashmod requires non-zero modulus");
        assertError(rule("action: hashmod\nmodulus: 2"), 4, AT, "requires 'target_label' value");
        assertError(rule("action: hashmod\nmodulus: 2\ntarget_label: ${1}"), 6, AT + ".target_label",
                "is invalid 'target_label' for hashmod action");
    }

    @Test
    void lowercaseUppercaseAndEqualActions() {
        assertError(rule("action: lowercase"), 4, AT, "relabel configuration for lowercase action requires 'target_label' value");
        assertError(rule("action: uppercase\ntarget_label: x\nreplacement: y"), 6, AT + ".replacement",
                "'replacement' can not be set for uppercase action");
        assertError(rule("action: keepequal"), 4, AT, "relabel configuration for keepequal action requires 'target_label' value");
        assertError(rule("action: dropequal\ntarget_label: x\nregex: a"), 4, AT,
                "dropequal action requires only 'source_labels' and `target_label`, and no other fields");
    }

    @Test
    void labelmapReplacementMustBeALabelTemplate() {
        assertError(rule("action: labelmap\nreplacement: 'bad-name'"), 5, AT + ".replacement",
                "\"bad-name\" is invalid 'replacement' for labelmap action");
    }

    @Test
    void labeldropAndLabelkeepTakeOnlyARegex() {
        assertError(rule("action: labeldrop\nsource_labels: [a]"), 4, AT, "labeldrop action requires only 'regex', and no other fields");
        assertError(rule("action: labelkeep\ntarget_label: x"), 4, AT, "labelkeep action requires only 'regex', and no other fields");
    }

    @Test
    void invalidRegexIsNamed() {
        assertError(rule("regex: 'a(b'\ntarget_label: x"), 4, AT + ".regex",
                "invalid regex \"a(b\": error parsing regexp: missing closing ): `^(?:a(b)$`");
    }

    /** Java would accept these; Prometheus refuses them, so a config that loads here loads there. */
    @Test
    void regexesGoRejectsAreRejectedWithGosMessage() {
        assertError(rule("action: keep\nsource_labels: [a]\nregex: 'x(?=y)'"), 6, AT + ".regex",
                "invalid regex \"x(?=y)\": error parsing regexp: invalid or unsupported Perl syntax: `(?=`");
        assertError(rule("action: drop\nsource_labels: [a]\nregex: '(a)\\1'"), 6, AT + ".regex",
                "invalid regex \"(a)\\1\": error parsing regexp: invalid escape sequence: `\\1`");
        assertError(rule("action: labeldrop\nregex: 'a++'"), 5, AT + ".regex",
                "error parsing regexp: invalid nested repetition operator: `++`");
    }

    @Test
    void goOnlyRegexSyntaxIsAccepted() throws ConfigException {
        String named = "(?P<n>x)";
        assertEquals(named, onlyJob(rule("regex: '" + named + "'\ntarget_label: t\nreplacement: '${n}'"))
                .relabelConfigs().get(0).regex());
        assertEquals("[[:digit:]]+", onlyJob(rule("action: keep\nsource_labels: [a]\nregex: '[[:digit:]]+'"))
                .relabelConfigs().get(0).regex());
    }

    @Test
    void sourceLabelsMustBeLabelNames() {
        assertError(rule("source_labels: [ok, 'not-ok']\ntarget_label: x"), 4, AT + ".source_labels[1]",
                "\"not-ok\" is not a valid label name");
    }

    @Test
    void nullRulesAreRejected() {
        assertError("scrape_configs:\n  - job_name: a\n    metric_relabel_configs:\n      -\n", 4,
                "scrape_configs[0].metric_relabel_configs[0]", "empty or null metric relabeling rule");
    }
}
