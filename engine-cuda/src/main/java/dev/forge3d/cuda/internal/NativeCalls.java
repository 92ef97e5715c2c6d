package dev.forge3d.cuda.internal;

/** Invokes a downcall handle, unwrapping the Throwable that {@code invokeExact} declares. */
final class NativeCalls {
    private NativeCalls() {
    }

    @FunctionalInterface
    interface NativeCall {
        int invoke() throws Throwable;
    }

    static int call(NativeCall call) {
        try {
            return call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            // Downcall handles declare Throwable but only ever throw unchecked exceptions.
            throw new IllegalStateException(t);
        }
    }
}
