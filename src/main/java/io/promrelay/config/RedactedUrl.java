package io.promrelay.config;

import java.net.URI;
import java.net.URISyntaxException;

/** A URL as it may be shown (logs, APIs, metric labels): a password in its user info becomes {@code <secret>}. */
public final class RedactedUrl {
    private static final String SECRET = "<secret>";

    private RedactedUrl() {
    }

    public static String of(String url) {
        try {
            URI uri = new URI(url);
            String userInfo = uri.getRawUserInfo();
            if (userInfo == null || !userInfo.contains(":")) {
                return url;
            }
            String user = userInfo.substring(0, userInfo.indexOf(':'));
            return url.replace(userInfo + "@", user + ":" + SECRET + "@");
        } catch (URISyntaxException e) {
            return SECRET;
        }
    }
}
