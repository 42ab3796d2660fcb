package io.promrelay.web.auth;

import io.promrelay.config.Secret;
import io.promrelay.config.WebConfig;
import java.util.Map;

/** What every request must show (basic auth when {@code users} is not empty) and the headers every answer gets. */
record AccessRules(Map<String, Secret> users, Map<String, String> headers) {
    static final AccessRules OPEN = new AccessRules(Map.of(), Map.of());

    static AccessRules of(WebConfig config) {
        return new AccessRules(config.users(), config.headers());
    }
}
