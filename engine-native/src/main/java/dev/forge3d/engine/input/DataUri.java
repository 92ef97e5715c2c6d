package dev.forge3d.engine.input;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;

/** Decodes RFC 2397 data URIs ({@code data:image/png;base64,...}) after checking type and size. */
final class DataUri {
    private static final Set<String> ACCEPTED_TYPES =
            Set.of("image/png", "image/jpeg", "image/jpg", "image/webp", "video/mp4", "video/quicktime");

    private DataUri() {
    }

    /** @param what the input the URI was given for, which every refusal names ({@code front}, {@code scan}) */
    static byte[] decode(String uri, InputRole role, long maxBytes, String what) {
        String named = "data URI (" + what + ")";
        int comma = uri.indexOf(',');
        if (!uri.startsWith("data:") || comma < 0) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "malformed " + named + ": expected data:<type>[;base64],<data>");
        }
        String header = uri.substring(5, comma).toLowerCase(Locale.ROOT);
        boolean base64 = header.endsWith(";base64");
        String typeAndParameters = base64 ? header.substring(0, header.length() - 7) : header;
        int parameters = typeAndParameters.indexOf(';');
        // Not split(";")[0]: a header of semicolons alone ("data:;;base64,") splits into no pieces.
        String mediaType = (parameters < 0 ? typeAndParameters : typeAndParameters.substring(0, parameters)).trim();
        if (!mediaType.isEmpty() && !ACCEPTED_TYPES.contains(mediaType)) {
            throw new Forge3dException(ErrorCode.UNSUPPORTED_MEDIA,
                    named + " of type " + mediaType + "; accepted: " + role.accepted());
        }
        String payload = uri.substring(comma + 1);
        long decodedEstimate = base64 ? payload.length() / 4L * 3 : payload.length();
        if (decodedEstimate > maxBytes + 3) {
            throw new Forge3dException(ErrorCode.INPUT_TOO_LARGE,
                    named + ": over the size limit of " + maxBytes + " bytes (" + (maxBytes >> 20) + " MiB)");
        }
        try {
            return base64 ? Base64.getDecoder().decode(payload.replaceAll("\\s", ""))
                    : URLDecoder.decode(payload, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "malformed " + named + ": " + e.getMessage(), e);
        }
    }
}
