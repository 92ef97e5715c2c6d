package dev.forge3d.cli;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.engine.io.Json;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the CLI with its exit code, stdout and stderr captured. */
record CliRun(int exitCode, String stdout, String stderr) {

    static CliRun of(Path workRoot, String... args) {
        return of(EngineConfig.builder().workRoot(workRoot).build(), args);
    }

    static CliRun of(EngineConfig config, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Forge3dCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, config);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The single JSON object printed on stdout. */
    Map<String, Object> json() {
        return Json.parseObject(stdout.strip());
    }

    @SuppressWarnings("unchecked")
    String errorCode() {
        return (String) ((Map<String, Object>) json().get("error")).get("code");
    }

    @SuppressWarnings("unchecked")
    String errorMessage() {
        return (String) ((Map<String, Object>) json().get("error")).get("message");
    }
}
