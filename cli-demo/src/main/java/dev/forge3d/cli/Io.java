package dev.forge3d.cli;

import dev.forge3d.api.EngineConfig;

import java.io.PrintStream;

/**
 * Where a command prints and how it opens its engine: stdout carries only the final result
 * (one JSON object under {@code --json}), stderr the logs and progress.
 */
record Io(PrintStream out, PrintStream err, boolean stderrIsTerminal, EngineConfig engineConfig) {
}
