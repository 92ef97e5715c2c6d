package dev.forge3d.cuda.internal;

import dev.forge3d.cuda.NativeCudaException;

import java.lang.foreign.SymbolLookup;
import java.util.Map;

/**
 * Decides whether the CUDA backend can run: the library is packed and loads, its ABI version
 * matches these bindings, a driver answers, and it sees at least one GPU. Each failure becomes a
 * reason a person can act on, and nothing here throws.
 */
public final class CudaProbe {
    private CudaProbe() {
    }

    public sealed interface Result permits Ready, NotReady {
    }

    /** @param library the loaded file, for diagnostics */
    public record Ready(CudaRuntime runtime, String library) implements Result {
    }

    /** @param details what is known anyway, for example the library's CUDA runtime version */
    public record NotReady(String reason, Map<String, String> details) implements Result {
        public NotReady {
            details = Map.copyOf(details);
        }
    }

    /** The probe of the library packed in this jar, run once per JVM. */
    public static Result shared() {
        return Shared.RESULT;
    }

    private static final class Shared {
        static final Result RESULT = probe(NativeLibraryLoader.load(
                CudaProbe.class.getClassLoader(), NativeLibraryLoader.defaultCacheRoot()));
    }

    public static Result probe(NativeLibraryLoader.Result loaded) {
        return switch (loaded) {
            case NativeLibraryLoader.Missing missing -> new NotReady(missing.reason(), Map.of());
            case NativeLibraryLoader.Loaded library -> probe(library.symbols(), library.path().toString());
        };
    }

    /** Binds {@code symbols} and asks the library for a device; {@code library} names it in messages. */
    public static Result probe(SymbolLookup symbols, String library) {
        CudaRuntime runtime;
        try {
            runtime = new CudaRuntime(new ForgeCudaBindings(symbols));
        } catch (IllegalArgumentException e) {
            return new NotReady(library + " does not match these bindings: " + e.getMessage(),
                    Map.of("library", library));
        }
        try {
            int abi = runtime.abiVersion();
            if (abi != ForgeCudaBindings.ABI_VERSION) {
                return new NotReady(library + " has ABI version " + abi + " but these bindings need "
                        + ForgeCudaBindings.ABI_VERSION + " (mixed jars of different builds?)",
                        Map.of("library", library));
            }
            Map<String, String> details = Map.of("library", library,
                    "cuda_runtime", CudaVersions.format(runtime.runtimeVersion()));
            int devices;
            try {
                devices = runtime.deviceCount();
            } catch (NativeCudaException e) {
                return new NotReady(e.nativeMessage().isEmpty() ? e.getMessage() : e.nativeMessage(), details);
            }
            if (devices < 1) {
                return new NotReady("no CUDA device: the driver sees no GPU", details);
            }
            return new Ready(runtime, library);
        } catch (RuntimeException e) {
            return new NotReady("probing " + library + " failed: " + e, Map.of("library", library));
        }
    }
}
