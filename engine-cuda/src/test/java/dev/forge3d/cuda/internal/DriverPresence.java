package dev.forge3d.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;

/** Whether the CUDA driver library loads on this machine, found independently of libforge3d_cuda.so. */
public final class DriverPresence {
    private DriverPresence() {
    }

    @SuppressWarnings("restricted")
    public static boolean libcudaLoads() {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup("libcuda.so.1", arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
