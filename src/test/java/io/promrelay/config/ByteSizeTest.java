package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @Test
    void base2UnitsWithAndWithoutI() {
        assertEquals(1, ByteSize.parse("1B"));
        assertEquals(1024, ByteSize.parse("1KB"));
        assertEquals(1024, ByteSize.parse("1KiB"));
        assertEquals(10L << 20, ByteSize.parse("10MB"));
        assertEquals(10L << 20, ByteSize.parse("10MiB"));
        assertEquals(1L << 30, ByteSize.parse("1GiB"));
        assertEquals(1L << 40, ByteSize.parse("1TB"));
        assertEquals(1L << 50, ByteSize.parse("1PiB"));
        assertEquals(1L << 60, ByteSize.parse("1EB"));
    }

    @Test
    void sumsAndFractionsAsGoDoes() {
        assertEquals(1049625, ByteSize.parse("1MB1KB25B"));
        assertEquals(1049625, ByteSize.parse("1MiB1KiB25B"));
        assertEquals(1572864, ByteSize.parse("1.5MB"));
        assertEquals(512, ByteSize.parse(".5KB"));
        assertEquals(0, ByteSize.parse("0"));
        assertEquals(0, ByteSize.parse("0B"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1kB", "1kiB", "10", "1b", "MB", "1 MB", "", "1MiB1KB", "1.MBx", "9EB"})
    void rejectsWhatUnitsRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Test
    void formatsAsBase2Bytes() {
        assertEquals("0B", ByteSize.format(0));
        assertEquals("1KiB1B", ByteSize.format(1025));
        assertEquals("1MiB1B", ByteSize.format(1048577));
        assertEquals("10MiB", ByteSize.format(10L << 20));
        assertEquals("1GiB512MiB", ByteSize.format(3L << 29));
    }
}
