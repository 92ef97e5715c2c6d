package dev.forge3d.cuda.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A stand-in for libforge3d_cuda.so made of FFM upcall stubs, one per header function, so the real
 * downcall handles of {@link ForgeCudaBindings} call back into Java. It records every call, hands
 * out fake handles and tracks which are still live, and fails any function on demand with a
 * status and a last-error message. No GPU or native library is needed.
 */
@SuppressWarnings("restricted") // upcall stubs and out-parameter writes are the point of a fake library
public final class FakeCudaLibrary implements AutoCloseable {
    private static final long FIRST_HANDLE = 0x1000;

    private final Arena arena = Arena.ofShared();
    private final Map<String, MemorySegment> stubs = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final Set<Long> liveHandles = new HashSet<>();
    private final Map<String, CallHook> hooks = new HashMap<>();
    private long nextHandle = FIRST_HANDLE;
    private String lastError = "";
    private final List<Throwable> handlerErrors = new ArrayList<>();

    int abiVersion = ForgeCudaBindings.ABI_VERSION;
    int deviceCount = 1;
    /** What f3d_splat_session_count reports (the last created or densified count), and the counts f3d_splat_session_densify writes. */
    int splatSessionCount;
    int[] densifyCounts = {0, 0, 0, 0};

    record Call(String function, List<Object> arguments) {
    }

    private record Failure(int status, String message, int fromCall) {
    }

    private record CallHook(int onCall, Runnable action) {
    }

    public FakeCudaLibrary() {
        MethodHandle handler;
        try {
            handler = MethodHandles.lookup().findVirtual(FakeCudaLibrary.class, "handle",
                    MethodType.methodType(int.class, String.class, Object[].class)).bindTo(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, FunctionDescriptor> entry : ForgeCudaBindings.DESCRIPTORS.entrySet()) {
            FunctionDescriptor descriptor = entry.getValue();
            MethodHandle target = MethodHandles.insertArguments(handler, 0, entry.getKey())
                    .asCollector(Object[].class, descriptor.argumentLayouts().size())
                    .asType(descriptor.toMethodType());
            stubs.put(entry.getKey(), Linker.nativeLinker().upcallStub(target, descriptor, arena));
        }
    }

    public SymbolLookup symbols() {
        return name -> Optional.ofNullable(stubs.get(name));
    }

    /** A lookup that lacks one function, as an outdated library would. */
    SymbolLookup symbolsWithout(String missing) {
        return name -> name.equals(missing) ? Optional.empty() : Optional.ofNullable(stubs.get(name));
    }

    CudaRuntime runtime() {
        return new CudaRuntime(new ForgeCudaBindings(symbols()));
    }

    /** Every later call of {@code function} returns {@code status} and sets {@code message} as the last error. */
    public void fail(String function, NativeStatus status, String message) {
        fail(function, status.code(), message);
    }

    void fail(String function, int status, String message) {
        failOnCall(function, 1, status, message);
    }

    /** Calls of {@code function} succeed until the {@code fromCall}-th (1-based), which fails, as do all later ones. */
    void failOnCall(String function, int fromCall, NativeStatus status, String message) {
        failOnCall(function, fromCall, status.code(), message);
    }

    private void failOnCall(String function, int fromCall, int status, String message) {
        failures.put(function, new Failure(status, message, fromCall));
    }

    /**
     * Runs {@code action} on the calling thread when {@code function} is called the
     * {@code onCall}-th time (1-based), before the call succeeds or fails: a test can act on a job
     * at a known point of its run.
     */
    public void onCall(String function, int onCall, Runnable action) {
        hooks.put(function, new CallHook(onCall, action));
    }

    /** Calls of {@code function}, in order, with their arguments (pointers as MemorySegments). */
    List<Call> callsOf(String function) {
        return calls.stream().filter(call -> call.function().equals(function)).toList();
    }

    public int count(String function) {
        return callsOf(function).size();
    }

    /** Calls other than reading the last error. */
    List<String> functionsCalled() {
        return calls.stream().map(Call::function).filter(name -> !name.equals("f3d_last_error")).toList();
    }

    public Set<Long> liveHandles() {
        return Set.copyOf(liveHandles);
    }

    /** Errors thrown inside the handler; an upcall must never throw, so they are kept for the test. */
    List<Throwable> handlerErrors() {
        return List.copyOf(handlerErrors);
    }

    @SuppressWarnings("unused") // called through the upcall stubs
    private int handle(String function, Object[] arguments) {
        try {
            calls.add(new Call(function, List.of(arguments)));
            if (function.equals("f3d_last_error")) {
                return writeLastError((MemorySegment) arguments[0], (long) arguments[1]);
            }
            CallHook hook = hooks.get(function);
            if (hook != null && count(function) == hook.onCall()) {
                hook.action().run();
            }
            Failure failure = failures.get(function);
            if (failure != null && count(function) >= failure.fromCall()) {
                lastError = failure.message();
                releaseHandleOf(function, arguments); // the real library frees the handle even on failure
                return failure.status();
            }
            return succeed(function, arguments);
        } catch (Throwable t) {
            handlerErrors.add(t);
            return NativeStatus.F3D_ERROR_INTERNAL.code();
        }
    }

    private int succeed(String function, Object[] arguments) {
        switch (function) {
            case "f3d_abi_version" -> writeInt(arguments[0], abiVersion);
            case "f3d_runtime_version", "f3d_driver_version" -> writeInt(arguments[0], 13000);
            case "f3d_device_count" -> writeInt(arguments[0], deviceCount);
            case "f3d_device_name" -> {
                MemorySegment buffer = ((MemorySegment) arguments[1]).reinterpret((long) arguments[2]);
                buffer.setString(0, "Fake GPU", StandardCharsets.UTF_8);
            }
            case "f3d_device_memory" -> {
                ((MemorySegment) arguments[1]).reinterpret(8).set(JAVA_LONG, 0, 8L << 30);
                ((MemorySegment) arguments[2]).reinterpret(8).set(JAVA_LONG, 0, 6L << 30);
            }
            case "f3d_device_compute_capability" -> {
                writeInt(arguments[1], 8);
                writeInt(arguments[2], 6);
            }
            case "f3d_stream_create" -> writeNewHandle(arguments[1]);
            case "f3d_buffer_alloc" -> writeNewHandle(arguments[2]);
            case "f3d_stream_destroy", "f3d_buffer_free", "f3d_splat_session_destroy" ->
                    releaseHandleOf(function, arguments);
            case "f3d_splat_session_create" -> {
                splatSessionCount = (int) arguments[1];
                writeNewHandle(arguments[13]);
            }
            case "f3d_splat_session_count" -> writeInt(arguments[1], splatSessionCount);
            case "f3d_splat_session_densify" -> {
                MemorySegment out = ((MemorySegment) arguments[2]).reinterpret(16);
                for (int k = 0; k < 4; k++) {
                    out.setAtIndex(JAVA_INT, k, densifyCounts[k]);
                }
                splatSessionCount = densifyCounts[3];
            }
            default -> {
                // copies, synchronize, the kernel: nothing to emulate, the call record is the point
            }
        }
        return NativeStatus.F3D_OK.code();
    }

    private int writeLastError(MemorySegment buffer, long capacity) {
        byte[] message = lastError.getBytes(StandardCharsets.UTF_8);
        int length = (int) Math.min(message.length, capacity - 1);
        MemorySegment target = buffer.reinterpret(capacity);
        MemorySegment.copy(message, 0, target, JAVA_BYTE, 0, length);
        target.set(JAVA_BYTE, length, (byte) 0);
        return NativeStatus.F3D_OK.code();
    }

    private void releaseHandleOf(String function, Object[] arguments) {
        if (function.equals("f3d_stream_destroy") || function.equals("f3d_buffer_free")
                || function.equals("f3d_splat_session_destroy")) {
            liveHandles.remove(((MemorySegment) arguments[0]).address());
        }
    }

    private void writeNewHandle(Object out) {
        long handle = nextHandle;
        nextHandle += 0x10;
        liveHandles.add(handle);
        ((MemorySegment) out).reinterpret(ADDRESS.byteSize()).set(ADDRESS, 0, MemorySegment.ofAddress(handle));
    }

    private static void writeInt(Object out, int value) {
        ((MemorySegment) out).reinterpret(4).set(JAVA_INT, 0, value);
    }

    @Override
    public void close() {
        arena.close();
    }
}
