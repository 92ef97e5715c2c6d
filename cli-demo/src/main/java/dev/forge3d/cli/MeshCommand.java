package dev.forge3d.cli;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.Symmetry;
import dev.forge3d.api.Topology;
import dev.forge3d.api.Vec3;
import dev.forge3d.api.View;
import dev.forge3d.api.WireNamed;
import dev.forge3d.engine.LocalEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

// The synopsis is written out: picocli's own marks the three-number and list options as repeatable ("...").
@Command(name = "mesh", description = "One to four photos of an object to a textured mesh (GLB, OBJ, FBX, USDZ, MP4).",
        customSynopsis = {
                "${COMMAND-FULL-NAME} --front IMG [--back IMG] [--left IMG] [--right IMG]",
                "                    [-o OUT.glb] [--faces N] [--pbr]",
                "                    [--texture-size 512|1024|2048] [--simplify R]",
                "                    [--topology tris|quads]",
                "                    [--resolution low_poly|high_poly] [--bbox W H D]",
                "                    [--preserve-aspect] [--pivot X Y Z] [--symmetry auto|on|off]",
                "                    [--formats glb,obj,fbx,usdz,mp4] [--seed N]",
                "                    [--device auto|cpu|cuda] [--threads N] [--json] [-hV]"})
class MeshCommand extends BaseCommand {
    @Option(names = "--front", paramLabel = "IMG", description = "Front view (required): path or data URI.")
    String front;

    @Option(names = "--back", paramLabel = "IMG", description = "Back view.")
    String back;

    @Option(names = "--left", paramLabel = "IMG", description = "Left view: the side on the front photo's left, taken a quarter turn to the left.")
    String left;

    @Option(names = "--right", paramLabel = "IMG", description = "Right view: the side on the front photo's right, taken a quarter turn to the right.")
    String right;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.glb", defaultValue = "mesh.glb",
            description = "Primary output (.glb, .obj, .fbx, .usdz or .mp4); every format is written beside it "
                    + "under its own extension (default ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--faces", paramLabel = "N", description = "Target face count, 1000-500000 (default 20000).")
    Integer faces;

    @Option(names = "--pbr", description = "Bake a metallic-roughness material with a normal map.")
    boolean pbr;

    @Option(names = "--texture-size", paramLabel = "512|1024|2048", description = "Texture edge (default 1024).")
    Integer textureSize;

    @Option(names = "--simplify", paramLabel = "R",
            description = "Fraction of faces to remove, 0 to <1; above 0 it sets the face count instead of --faces.")
    Double simplifyRatio;

    @Option(names = "--topology", paramLabel = "tris|quads", description = "Face topology (default tris).")
    String topology;

    @Option(names = "--resolution", paramLabel = "low_poly|high_poly", description = "Volume resolution.")
    String resolution;

    // hideParamSyntax: the labels name every value, so picocli must not repeat them per value.
    @Option(names = "--bbox", arity = "3", paramLabel = "W H D", hideParamSyntax = true,
            description = "Bounding box in metres, 1e-6 to 1000 on each axis; -1 means automatic on that axis.")
    double[] bbox;

    @Option(names = "--preserve-aspect", description = "Fit inside --bbox without stretching.")
    boolean preserveAspect;

    @Option(names = "--pivot", arity = "3", paramLabel = "X Y Z", hideParamSyntax = true,
            description = "Origin as fractions of the box, 0-1 each (default 0.5 0 0.5, the bottom centre).")
    double[] pivot;

    @Option(names = "--symmetry", paramLabel = "auto|on|off", description = "Mirror fill for unseen texels (default auto: across the planes whose views show a symmetric outline).")
    String symmetry;

    @Option(names = "--formats", paramLabel = "glb,obj,fbx,usdz,mp4", split = ",", hideParamSyntax = true,
            description = "Output formats, comma-separated (default: the -o file's own); the -o file is always "
                    + "written too.")
    String[] formats;

    @Option(names = "--device", paramLabel = "auto|cpu|cuda", description = "Compute backend (default auto).")
    String device;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed (default 42).")
    Long seed;

    /** An arity-3 option's numbers; picocli appends a repeated option's numbers, which is refused. */
    private static Vec3 threeNumbers(String option, double[] values) {
        if (values.length != 3) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR,
                    option + " takes three numbers once; it was given " + values.length);
        }
        return new Vec3(values[0], values[1], values[2]);
    }

    /** The request the flags describe; parameters are checked before the views. */
    MeshRequest request() {
        // Two face counts for one mesh: the ratio would win (MeshParams) and --faces go unused.
        if (faces != null && simplifyRatio != null && simplifyRatio > 0) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR,
                    "--faces and --simplify each set the face count; give one of them");
        }
        MeshParams.Builder builder = MeshParams.builder().pbr(pbr).preserveAspectRatio(preserveAspect);
        if (faces != null) {
            builder.faces(faces);
        }
        if (textureSize != null) {
            builder.textureSize(textureSize);
        }
        if (simplifyRatio != null) {
            builder.simplifyRatio(simplifyRatio);
        }
        if (topology != null) {
            builder.topology(WireNamed.parse("topology", topology, Topology.class));
        }
        if (resolution != null) {
            builder.resolution(WireNamed.parse("resolution", resolution, Resolution.class));
        }
        if (bbox != null) {
            builder.scaledBbox(threeNumbers("--bbox", bbox));
        }
        if (pivot != null) {
            builder.pivot(threeNumbers("--pivot", pivot));
        }
        if (symmetry != null) {
            builder.symmetry(WireNamed.parse("symmetry", symmetry, Symmetry.class));
        }
        // The -o file is always written (the engine adds its format); without --formats it is the only one.
        Set<OutputFormat> outputs = EnumSet.noneOf(OutputFormat.class);
        for (String format : formats == null ? new String[0] : formats) {
            outputs.add(WireNamed.parse("formats", format, OutputFormat.class));
        }
        if (!outputs.isEmpty()) {
            builder.outputs(outputs);
        } else {
            OutputFormat.namedBy(output).ifPresent(format -> builder.outputs(EnumSet.of(format)));
        }
        if (device != null) {
            builder.device(WireNamed.parse("device", device, DeviceKind.class));
        }
        if (seed != null) {
            builder.seed(seed);
        }
        MeshParams params = builder.build();
        // The engine writes each format beside the output under its own extension; an output
        // without one of them (a directory, chair.txt) is a mistake, not a name to rewrite.
        OutputPaths.requireExtension(output, Arrays.stream(OutputFormat.values()).map(OutputFormat::wireName)
                .toArray(String[]::new));
        Map<View, InputSource> views = new EnumMap<>(View.class);
        putView(views, View.FRONT, front);
        putView(views, View.BACK, back);
        putView(views, View.LEFT, left);
        putView(views, View.RIGHT, right);
        return new MeshRequest(views, params, output);
    }

    private static void putView(Map<View, InputSource> views, View view, String argument) {
        if (argument != null) {
            views.put(view, InputSource.parse(argument));
        }
    }

    @Override
    Outcome execute(LocalEngine engine) {
        return awaitJob(engine.submit(request()));
    }
}
