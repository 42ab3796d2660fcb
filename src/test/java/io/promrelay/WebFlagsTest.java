package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The --web.* flags as Prometheus spells them: a file for TLS and auth, and a switch for the receiver. */
class WebFlagsTest {

    @Test
    void withoutFlagsTheServerIsPlainAndTheReceiverOff() {
        WebSettings web = Flags.parse(new String[0]).web();

        assertNull(web.configFile());
        assertFalse(web.remoteWriteReceiver());
    }

    @Test
    void theReceiverSwitchWorksBareAndWithAValue() {
        assertTrue(Flags.parse(new String[] {"--web.enable-remote-write-receiver"}).web().remoteWriteReceiver());
        assertTrue(Flags.parse(new String[] {"--web.enable-remote-write-receiver=true"}).web().remoteWriteReceiver());
        assertFalse(Flags.parse(new String[] {"--web.enable-remote-write-receiver=false"}).web().remoteWriteReceiver());
    }

    @Test
    void theSwitchDoesNotSwallowTheNextFlag() {
        Flags flags = Flags.parse(new String[] {"--web.enable-remote-write-receiver", "--web.config.file", "web.yml"});

        assertTrue(flags.web().remoteWriteReceiver());
        assertEquals(Path.of("web.yml"), flags.web().configFile());
    }
}
