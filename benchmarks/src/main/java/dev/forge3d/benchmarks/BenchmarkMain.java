package dev.forge3d.benchmarks;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.cuda.CudaBackend;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks with JMH's usual command-line options, benchmarking {@code cuda} beside
 * {@code cpu} only where the CUDA backend is available, and saying why when it is not. An explicit
 * {@code -p backend=...} wins.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine);
        if (!commandLine.getParameter("backend").hasValue()) {
            BackendInfo cuda = new CudaBackend().info();
            if (cuda.available()) {
                System.out.println("cuda: " + cuda.deviceName() + " " + cuda.details());
                options.param("backend", "cpu", "cuda");
            } else {
                System.out.println("cuda: unavailable, benchmarking the CPU only (" + cuda.reason() + ")");
                options.param("backend", "cpu");
            }
        }
        new Runner(options.build()).run();
    }
}
