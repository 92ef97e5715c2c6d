package dev.forge3d.engine.pipeline;

import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Topology;
import dev.forge3d.engine.io.AtomicFiles;
import dev.forge3d.engine.io.FbxExport;
import dev.forge3d.engine.io.FileNames;
import dev.forge3d.engine.io.GlbWriter;
import dev.forge3d.engine.io.ObjWriter;
import dev.forge3d.engine.io.PngEncoding;
import dev.forge3d.engine.io.UsdzWriter;
import dev.forge3d.engine.jobs.JobContext;
import dev.forge3d.engine.mesh.MeshAsset;
import dev.forge3d.engine.mesh.PolygonFaces;
import dev.forge3d.engine.mesh.TurntableVideo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the requested formats through the job's staged outputs, which are published only when
 * the whole job succeeds. GLB stays triangles; OBJ, FBX and USDZ get quads with topology=quads.
 * OBJ and FBX name PNG textures written beside them.
 */
final class MeshOutputs {
    private MeshOutputs() {
    }

    static void write(MeshAsset asset, Topology topology, Set<OutputFormat> formats, Path primary, JobContext context)
            throws IOException {
        PolygonFaces faces = asset.polygonFaces();
        if (topology == Topology.QUADS) {
            context.metric("quads", faces.quadCount());
        }
        int done = 0;
        for (OutputFormat format : OutputFormat.values()) {
            if (!formats.contains(format)) {
                continue;
            }
            context.checkCancelled();
            Path destination = MeshPipeline.outputFile(primary, format);
            switch (format) {
                case GLB -> GlbWriter.write(asset, context.stageOutput("glb", destination));
                case OBJ -> {
                    writeTextures(asset, destination, context);
                    writeObj(asset, faces, destination, context.stageOutput("obj", destination),
                            context.stageOutput("mtl", mtlFile(destination)));
                }
                case FBX -> {
                    writeTextures(asset, destination, context);
                    // assimp reads the OBJ with its MTL from a private folder, named as published.
                    Path folder = Files.createDirectories(context.workFolder().resolve("fbx-source"));
                    Path obj = folder.resolve(FileNames.stem(destination) + ".obj");
                    writeObj(asset, faces, obj, obj, mtlFile(obj));
                    FbxExport.fromObj(obj, context.stageOutput("fbx", destination));
                }
                case USDZ -> UsdzWriter.write(asset, faces, context.stageOutput("usdz", destination));
                case MP4 -> TurntableVideo.write(asset, context.stageOutput("mp4", destination), context::checkCancelled);
            }
            context.progress(++done / (double) formats.size(), "wrote " + destination.getFileName());
        }
    }

    /**
     * Every file {@link #write} puts in place for {@code formats}: each format's file, an OBJ's
     * MTL, and the PNG textures beside an OBJ or FBX (the PBR ones only with {@code pbr}), once
     * each, every format's own file first.
     */
    static List<Path> files(Set<OutputFormat> formats, Path primary, boolean pbr) {
        Set<Path> files = new LinkedHashSet<>();
        for (OutputFormat format : OutputFormat.values()) {
            if (!formats.contains(format)) {
                continue;
            }
            Path destination = MeshPipeline.outputFile(primary, format);
            files.add(destination);
            if (format == OutputFormat.OBJ) {
                files.add(mtlFile(destination));
            }
            if (format == OutputFormat.OBJ || format == OutputFormat.FBX) {
                ObjWriter.TextureFiles names = ObjWriter.TextureFiles.beside(destination);
                files.add(destination.resolveSibling(names.baseColour()));
                if (pbr) {
                    files.add(destination.resolveSibling(names.metallicRoughness()));
                    files.add(destination.resolveSibling(names.normal()));
                }
            }
        }
        return List.copyOf(files);
    }

    private static Path mtlFile(Path obj) {
        return obj.resolveSibling(ObjWriter.companionStem(obj) + ".mtl");
    }

    private static void writeObj(MeshAsset asset, PolygonFaces faces, Path named, Path objFile, Path mtlFile)
            throws IOException {
        ObjWriter.TextureFiles textures = ObjWriter.TextureFiles.beside(named);
        AtomicFiles.writeString(objFile, ObjWriter.obj(asset, faces, mtlFile(named).getFileName().toString()));
        AtomicFiles.writeString(mtlFile, ObjWriter.mtl(asset, textures));
    }

    /** The PNG textures beside a mesh file; OBJ and FBX share them when both are asked for. */
    private static void writeTextures(MeshAsset asset, Path meshFile, JobContext context) throws IOException {
        ObjWriter.TextureFiles names = ObjWriter.TextureFiles.beside(meshFile);
        int size = asset.textureSize();
        AtomicFiles.write(context.stageOutput("texture_basecolor", meshFile.resolveSibling(names.baseColour())),
                PngEncoding.encode(asset.baseColour(), size, size));
        if (asset.normalMap() != null) {
            AtomicFiles.write(context.stageOutput("texture_metallic_roughness",
                    meshFile.resolveSibling(names.metallicRoughness())),
                    PngEncoding.encode(asset.metallicRoughness(), size, size));
            AtomicFiles.write(context.stageOutput("texture_normal", meshFile.resolveSibling(names.normal())),
                    PngEncoding.encode(asset.normalMap(), size, size));
        }
    }
}
