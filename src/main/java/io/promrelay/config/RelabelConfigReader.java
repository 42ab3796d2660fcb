package io.promrelay.config;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.GoRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Reads one relabel_config with Prometheus's defaults and its validation rules per action. */
final class RelabelConfigReader {
    static final String DEFAULT_SEPARATOR = ";";
    static final String DEFAULT_REGEX = "(.*)";
    static final String DEFAULT_REPLACEMENT = "$1";

    // A target label may reference regex groups: ${1}, $name.
    private static final Pattern RELABEL_TARGET =
            Pattern.compile("(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+");

    private RelabelConfigReader() {
    }

    /** A list of rules (absent means none); a null entry fails with {@code nullEntryMessage}. */
    static List<RelabelConfig> readList(YamlValue list, String nullEntryMessage) throws ConfigException {
        if (list == null) {
            return List.of();
        }
        List<RelabelConfig> configs = new ArrayList<>();
        for (YamlValue item : list.list()) {
            if (item.isNull()) {
                throw item.error(nullEntryMessage);
            }
            configs.add(read(item));
        }
        return List.copyOf(configs);
    }

    private static RelabelConfig read(YamlValue value) throws ConfigException {
        YamlMapping m = value.mapping(Section.RELABEL);
        List<String> sourceLabels = new ArrayList<>();
        YamlValue sources = m.get("source_labels");
        if (sources != null) {
            for (YamlValue item : sources.list()) {
                String name = item.string();
                LabelNames.check(name, item.where());
                sourceLabels.add(name);
            }
        }
        String separator = m.string("separator", DEFAULT_SEPARATOR);
        String regex = m.string("regex", DEFAULT_REGEX);
        checkRegex(regex, m.whereOf("regex"));
        long modulus = m.nonNegativeLong("modulus");
        String targetLabel = m.string("target_label", "");
        String replacement = m.string("replacement", DEFAULT_REPLACEMENT);
        Action action = action(m);

        Where where = m.where();
        if (action == Action.HASHMOD && modulus == 0) {
            throw where.error("relabel configuration for hashmod requires non-zero modulus");
        }
        boolean needsTarget = switch (action) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
        };
        if (needsTarget && targetLabel.isEmpty()) {
            throw where.error("relabel configuration for " + name(action) + " action requires 'target_label' value");
        }
        if (needsTarget && action != Action.HASHMOD && !RELABEL_TARGET.matcher(targetLabel).matches()) {
            throw m.whereOf("target_label").error(
                    "\"" + targetLabel + "\" is invalid 'target_label' for " + name(action) + " action");
        }
        boolean caseOrEqual = action == Action.LOWERCASE || action == Action.UPPERCASE
                || action == Action.KEEPEQUAL || action == Action.DROPEQUAL;
        if (caseOrEqual && !replacement.equals(DEFAULT_REPLACEMENT)) {
            throw m.whereOf("replacement").error("'replacement' can not be set for " + name(action) + " action");
        }
        if (action == Action.LABELMAP && !RELABEL_TARGET.matcher(replacement).matches()) {
            throw m.whereOf("replacement").error(
                    "\"" + replacement + "\" is invalid 'replacement' for " + name(action) + " action");
        }
        if (action == Action.HASHMOD && !LabelNames.isValid(targetLabel)) {
            throw m.whereOf("target_label").error(
                    "\"" + targetLabel + "\" is invalid 'target_label' for " + name(action) + " action");
        }
        if ((action == Action.KEEPEQUAL || action == Action.DROPEQUAL)
                && (!regex.equals(DEFAULT_REGEX) || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR))) {
            throw where.error(name(action)
                    + " action requires only 'source_labels' and `target_label`, and no other fields");
        }
        if ((action == Action.LABELDROP || action == Action.LABELKEEP)
                && (m.has("source_labels") || !targetLabel.isEmpty() || modulus != 0
                || !separator.equals(DEFAULT_SEPARATOR) || !replacement.equals(DEFAULT_REPLACEMENT))) {
            throw where.error(name(action) + " action requires only 'regex', and no other fields");
        }
        return new RelabelConfig(List.copyOf(sourceLabels), separator, regex, modulus, targetLabel, replacement,
                action);
    }

    /** Compiled as the relabeler will compile it, so a config loads only when every rule will run. */
    private static void checkRegex(String regex, Where where) throws ConfigException {
        try {
            GoRegex.compileAnchored(regex);
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    /** Prometheus accepts action names in any case ("Replace") and stores them lower case. */
    private static Action action(YamlMapping m) throws ConfigException {
        String text = m.string("action", "replace");
        if (text.isEmpty()) {
            throw m.whereOf("action").error("relabel action cannot be empty");
        }
        for (Action action : Action.values()) {
            if (name(action).equals(text.toLowerCase(Locale.ROOT))) {
                return action;
            }
        }
        throw m.whereOf("action").error("unknown relabel action \"" + text + "\"");
    }

    static String name(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}
