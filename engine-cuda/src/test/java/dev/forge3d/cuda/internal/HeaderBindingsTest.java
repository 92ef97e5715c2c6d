package dev.forge3d.cuda.internal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** forge3d_cuda.h is the whole ABI: every function in it has a matching FFM binding, and no more. */
class HeaderBindingsTest {
    private static HeaderParser header;
    private static List<HeaderParser.CFunction> functions;

    @BeforeAll
    static void parseHeader() throws IOException {
        header = HeaderParser.fromClassPath();
        functions = header.functions();
    }

    @Test
    void parserFindsEveryMarkedDeclaration() {
        // Guards the tests below: a declaration the pattern missed would escape every check.
        assertEquals(header.declarationMarkers(), functions.size(),
                "F3D_API markers vs parsed declarations " + names(functions));
        assertTrue(functions.size() >= 17, "the header declares at least the first 17 functions");
    }

    @Test
    void everyHeaderFunctionHasABindingWithTheSameSignature() {
        List<String> problems = new ArrayList<>();
        for (HeaderParser.CFunction function : functions) {
            FunctionDescriptor bound = ForgeCudaBindings.DESCRIPTORS.get(function.name());
            if (bound == null) {
                problems.add(function.name() + " has no binding");
                continue;
            }
            FunctionDescriptor expected = descriptorOf(function);
            if (!expected.equals(bound)) {
                problems.add(function.name() + ": header says " + expected + ", binding says " + bound);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyBindingIsAHeaderFunction() {
        Set<String> declared = names(functions);
        assertEquals(declared, new TreeSet<>(ForgeCudaBindings.DESCRIPTORS.keySet()), "descriptors");
        assertEquals(declared, handleFieldNames(), "downcall handle fields");
    }

    @Test
    void bindingsAreInHeaderOrder() {
        // Not needed for correctness, but it keeps the two files easy to read side by side.
        assertEquals(functions.stream().map(HeaderParser.CFunction::name).toList(),
                List.copyOf(ForgeCudaBindings.DESCRIPTORS.keySet()));
    }

    @Test
    void everyFunctionReturnsAnInt32Status() {
        List<String> others = functions.stream().filter(function -> !function.returnType().equals("int32_t"))
                .map(function -> function.name() + " returns " + function.returnType()).toList();
        assertEquals(List.of(), others);
    }

    @Test
    void statusCodesMatchTheHeaderEnum() {
        Map<String, Integer> java = new LinkedHashMap<>();
        for (NativeStatus status : NativeStatus.values()) {
            java.put(status.name(), status.code());
        }
        assertEquals(header.statusCodes(), java);
    }

    @Test
    void abiVersionMatchesTheHeader() {
        assertEquals(header.abiVersion(), ForgeCudaBindings.ABI_VERSION);
    }

    @Test
    void builtLibraryExportsEveryHeaderFunction() throws IOException {
        NativeLibraryLoader.Loaded library = PackedLibrary.loadedOrSkip();
        List<String> missing = functions.stream().map(HeaderParser.CFunction::name)
                .filter(name -> library.symbols().find(name).isEmpty()).toList();
        assertEquals(List.of(), missing, "functions the library does not export");
        new ForgeCudaBindings(library.symbols()); // binds every handle, or throws naming the first missing one
    }

    /** The C-to-FFM type mapping of the ABI rules in the header's comment. */
    static FunctionDescriptor descriptorOf(HeaderParser.CFunction function) {
        MemoryLayout[] arguments = function.parameterTypes().stream()
                .map(type -> layoutOf(function.name(), type)).toArray(MemoryLayout[]::new);
        return FunctionDescriptor.of(layoutOf(function.name(), function.returnType()), arguments);
    }

    private static MemoryLayout layoutOf(String function, String cType) {
        if (cType.contains("*")) {
            return ADDRESS;
        }
        return switch (cType) {
            case "int32_t" -> JAVA_INT;
            case "int64_t" -> JAVA_LONG;
            case "float" -> JAVA_FLOAT;
            case "double" -> JAVA_DOUBLE;
            default -> fail(function + " uses " + cType + ", which the ABI rules do not allow");
        };
    }

    private static Set<String> handleFieldNames() {
        return Arrays.stream(ForgeCudaBindings.class.getDeclaredFields())
                .filter(field -> field.getType() == MethodHandle.class && !Modifier.isStatic(field.getModifiers()))
                .map(Field::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(List<HeaderParser.CFunction> functions) {
        return functions.stream().map(HeaderParser.CFunction::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
