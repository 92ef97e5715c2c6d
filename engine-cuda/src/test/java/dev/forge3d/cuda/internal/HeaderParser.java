package dev.forge3d.cuda.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads forge3d_cuda.h the way the ABI rules allow it to be written: F3D_API declarations only. */
final class HeaderParser {
    /** Where the build packs the header (engine-cuda/pom.xml copies include/ there). */
    static final String HEADER_RESOURCE = "native/include/forge3d_cuda.h";

    private static final Pattern DECLARATION =
            Pattern.compile("F3D_API\\s+([A-Za-z_][\\w\\s*]*?)\\s*\\b(f3d_\\w+)\\s*\\(([^)]*)\\)\\s*;");
    private static final Pattern ENUM_CONSTANT = Pattern.compile("(F3D_\\w+)\\s*=\\s*(-?\\d+)");
    private static final Pattern ABI_VERSION = Pattern.compile("#define\\s+F3D_ABI_VERSION\\s+(\\d+)");

    record CFunction(String name, String returnType, List<String> parameterTypes) {
    }

    private final String text;
    private final String code;

    HeaderParser(String text) {
        this.text = text;
        this.code = withoutPreprocessorLines(withoutComments(text));
    }

    static HeaderParser fromClassPath() throws IOException {
        try (InputStream in = HeaderParser.class.getClassLoader().getResourceAsStream(HEADER_RESOURCE)) {
            if (in == null) {
                throw new IOException(HEADER_RESOURCE + " is not on the class path");
            }
            return new HeaderParser(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    List<CFunction> functions() {
        List<CFunction> functions = new ArrayList<>();
        Matcher matcher = DECLARATION.matcher(code);
        while (matcher.find()) {
            functions.add(new CFunction(matcher.group(2), normalize(matcher.group(1)), parameterTypes(matcher.group(3))));
        }
        return functions;
    }

    /** How many times F3D_API marks a declaration, counted independently of the declaration pattern. */
    int declarationMarkers() {
        int count = 0;
        for (int at = code.indexOf("F3D_API"); at >= 0; at = code.indexOf("F3D_API", at + 1)) {
            count++;
        }
        return count;
    }

    /** The constants of {@code enum f3d_status}, by name. */
    Map<String, Integer> statusCodes() {
        int start = code.indexOf("enum f3d_status");
        int end = code.indexOf('}', start);
        if (start < 0 || end < 0) {
            throw new IllegalStateException("no enum f3d_status in the header");
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        Matcher matcher = ENUM_CONSTANT.matcher(code.substring(start, end));
        while (matcher.find()) {
            codes.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
        }
        return codes;
    }

    int abiVersion() {
        Matcher matcher = ABI_VERSION.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no #define F3D_ABI_VERSION in the header");
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** "const f3d_buffer *grads" becomes "const f3d_buffer*"; "int64_t count" becomes "int64_t". */
    private static List<String> parameterTypes(String parameters) {
        List<String> types = new ArrayList<>();
        String trimmed = normalize(parameters);
        if (trimmed.isEmpty() || trimmed.equals("void")) {
            return types;
        }
        for (String parameter : trimmed.split(",")) {
            String declaration = normalize(parameter);
            int nameStart = declaration.length();
            while (nameStart > 0 && (Character.isLetterOrDigit(declaration.charAt(nameStart - 1))
                    || declaration.charAt(nameStart - 1) == '_')) {
                nameStart--;
            }
            String type = normalize(declaration.substring(0, nameStart));
            if (type.isEmpty()) {
                throw new IllegalStateException("parameter without a name: " + parameter);
            }
            types.add(type);
        }
        return types;
    }

    private static String normalize(String text) {
        return text.replaceAll("\\s+", " ").replaceAll("\\s*\\*\\s*", "*").trim();
    }

    private static String withoutComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ");
    }

    private static String withoutPreprocessorLines(String text) {
        return text.replaceAll("(?m)^\\s*#.*$", " ");
    }
}
