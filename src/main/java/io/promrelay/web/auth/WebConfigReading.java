package io.promrelay.web.auth;

import io.promrelay.config.ConfigException;
import io.promrelay.config.WebConfig;
import io.promrelay.config.WebConfigReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * One reading of the web config file and of the certificate, key and CA files it names, with a digest of all
 * their bytes so that a later reading tells whether anything changed. Blocking: only on worker threads.
 *
 * @param config  null when the file could not be read or parsed
 * @param files   the contents of the named files that could be read
 * @param problem why the file is unusable, or null
 */
record WebConfigReading(WebConfig config, Map<Path, byte[]> files, String digest, ConfigException problem) {

    static WebConfigReading read(Path file) {
        MessageDigest digest = sha256();
        byte[] text;
        try {
            text = Files.readAllBytes(file);
        } catch (IOException e) {
            add(digest, ("unreadable " + e).getBytes(StandardCharsets.UTF_8));
            return failed(digest, new ConfigException(file + ": cannot read web config file: " + e, e));
        }
        add(digest, text);
        WebConfig config;
        try {
            config = WebConfigReader.parse(new String(text, StandardCharsets.UTF_8), file);
        } catch (ConfigException e) {
            return failed(digest, e);
        }
        Map<Path, byte[]> files = new HashMap<>();
        for (Path named : config.files()) {
            add(digest, named.toString().getBytes(StandardCharsets.UTF_8));
            try {
                byte[] content = Files.readAllBytes(named);
                files.put(named, content);
                add(digest, content);
            } catch (IOException e) {
                add(digest, new byte[] {0});
            }
        }
        return new WebConfigReading(config, Map.copyOf(files), HexFormat.of().formatHex(digest.digest()), null);
    }

    /** The content of a named file, or an error naming it (never its content). */
    byte[] file(Path path, String key) throws ConfigException {
        byte[] content = files.get(path);
        if (content == null) {
            throw new ConfigException(config.file() + ": tls_server_config." + key + ": cannot read " + path);
        }
        return content;
    }

    private static WebConfigReading failed(MessageDigest digest, ConfigException problem) {
        return new WebConfigReading(null, Map.of(), HexFormat.of().formatHex(digest.digest()), problem);
    }

    // Length-prefixed so that moving bytes from one file to the next still changes the digest.
    private static void add(MessageDigest digest, byte[] bytes) {
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
