package dev.forge3d.cli;

import dev.forge3d.api.Job;
import dev.forge3d.api.JobResult;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C's hook: the JVM must not halt while the job it stopped, or could not stop, is still publishing. */
class CancelOnShutdownTest {
    @Test
    void aJobThatCannotBeCancelledAnyMoreIsWaitedForAllTheSame() throws Exception {
        CompletableFuture<JobResult> completion = new CompletableFuture<>();
        CountDownLatch cancelAsked = new CountDownLatch(1);
        Job publishing = (Job) Proxy.newProxyInstance(Job.class.getClassLoader(), new Class<?>[] {Job.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "cancel" -> {
                        cancelAsked.countDown();
                        yield false; // already publishing: the outputs are being moved into place
                    }
                    case "completion" -> completion;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Thread hook = Thread.ofPlatform().start(() -> BaseCommand.cancelAndAwait(publishing));

        assertTrue(cancelAsked.await(10, TimeUnit.SECONDS), "the hook asks the job to cancel");
        assertFalse(hook.join(Duration.ofMillis(300)), "the hook returned while the job was still publishing");
        completion.completeExceptionally(new IllegalStateException("the publish failed"));
        assertTrue(hook.join(Duration.ofSeconds(10)), "the hook returns once the job has ended, however it ended");
    }
}
