package io.promrelay.scrape;

/** Health of a target as /api/v1/targets reports it. */
public enum TargetHealth {
    UNKNOWN("unknown"), UP("up"), DOWN("down");

    private final String word;

    TargetHealth(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
