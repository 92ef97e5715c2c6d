package dev.forge3d.cli;

import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.engine.Forge3dVersion;
import dev.forge3d.engine.io.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintStream;
import java.io.PrintWriter;

/** The {@code forge3d} command; every subcommand inherits {@code -h/--help} and {@code -V/--version}. */
@Command(name = "forge3d", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = Forge3dCli.Version.class,
        description = "Local 3D capture: orbit video to Gaussian splats, photos to textured mesh.",
        subcommands = {ScanCommand.class, PosesCommand.class, TrainCommand.class, RenderCommand.class,
                MeshCommand.class, EstimateCommand.class, DemoCommand.class, InfoCommand.class})
public final class Forge3dCli {

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Terminal.isStderrTerminal(), EngineConfig.defaults()));
    }

    /** Runs one command line and returns its exit code: 0 done, 2 request error, 1 other failure. */
    public static int run(String[] args, PrintStream out, PrintStream err, boolean stderrIsTerminal,
                          EngineConfig engineConfig) {
        Io io = new Io(out, err, stderrIsTerminal, engineConfig);
        CommandLine commandLine = new CommandLine(new Forge3dCli(), new Factory(io));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, arguments) -> reportUsageError(e, arguments, io));
        return commandLine.execute(args);
    }

    /** Unknown flags, missing arguments and unparsable numbers are malformed requests: exit 2. */
    private static int reportUsageError(CommandLine.ParameterException e, String[] arguments, Io io) {
        Forge3dException error = new Forge3dException(ErrorCode.VALIDATION_ERROR, e.getMessage());
        if (asksForJson(arguments)) {
            io.out().println(Json.write(Outcome.failure(error, 0).toJson()));
        } else {
            io.err().println("error [" + ErrorCode.VALIDATION_ERROR.wireName() + "]: " + e.getMessage());
            e.getCommandLine().usage(io.err());
        }
        return 2;
    }

    /**
     * Whether the command line asks for JSON, as {@code --json} or {@code --json=VALUE} with a value
     * other than false: read from the words, since the line did not parse.
     */
    static boolean asksForJson(String[] arguments) {
        boolean json = false;
        for (String argument : arguments) {
            if (argument.equals("--json")) {
                json = true;
            } else if (argument.startsWith("--json=")) {
                json = !argument.substring("--json=".length()).equalsIgnoreCase("false");
            }
        }
        return json;
    }

    /** Gives every command the streams and engine settings of this run. */
    private record Factory(Io io) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K instance = CommandLine.defaultFactory().create(type);
            if (instance instanceof BaseCommand command) {
                command.io = io;
            }
            return instance;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"forge3d " + Forge3dVersion.get()};
        }
    }
}
