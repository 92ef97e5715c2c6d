package dev.forge3d.api;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSourceTest {

    @Test
    void aDataUriPrintsItsMediaTypeAndLengthNotItsPayload() {
        String payload = Base64.getEncoder().encodeToString(new byte[300_000]);
        InputSource source = InputSource.ofDataUri("data:image/png;base64," + payload);
        String text = source.toString();
        assertTrue(text.length() < 100, () -> text.substring(0, Math.min(200, text.length())) + "...");
        assertTrue(text.contains("data:image/png;base64"), text);
        assertTrue(text.contains(String.valueOf(("data:image/png;base64," + payload).length())), text);
    }

    @Test
    void bytesPrintTheirNameAndSizeNotTheArraysIdentity() {
        InputSource source = new InputSource.FromBytes("hello".getBytes(StandardCharsets.US_ASCII), "front.png");
        assertEquals("FromBytes[name=front.png, 5 bytes]", source.toString());
        assertFalse(source.toString().contains("[B@"), source.toString());
    }
}
