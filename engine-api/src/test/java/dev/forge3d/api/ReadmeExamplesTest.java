package dev.forge3d.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Java examples compile against this API, so that an embedder who copies one gets
 * code that builds. Each block becomes a method body (its imports hoisted); a block that uses
 * {@code engine} without opening one gets it as a parameter, as the README's prose says.
 */
class ReadmeExamplesTest {
    private static final String IMPORTS = "import dev.forge3d.api.*;\nimport java.nio.file.Path;\nimport java.util.*;\n";

    @TempDir
    Path temp;

    @Test
    void everyJavaBlockInTheReadmeCompiles() throws Exception {
        List<String> blocks = javaBlocks(Files.readString(Path.of("..", "README.md")));
        assertTrue(blocks.size() >= 2, "the README's Java examples were not found: " + blocks.size());
        List<Path> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            sources.add(writeAsClass(blocks.get(i), "ReadmeExample" + i));
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, null)) {
            List<String> options = List.of("-classpath", Path.of("target", "classes").toString(),
                    "-d", Files.createDirectories(temp.resolve("classes")).toString(), "-proc:none");
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                            + d.getMessage(null))
                    .collect(Collectors.joining("\n"));
            assertTrue(compiled, errors);
        }
    }

    private static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : markdown.split("\n", -1)) {
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    private Path writeAsClass(String block, String name) throws Exception {
        StringBuilder imports = new StringBuilder(IMPORTS);
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String parameter = body.toString().contains("Engine engine") ? "" : "Engine engine";
        String source = imports + "class " + name + " {\n    static void example(" + parameter + ") throws Exception {\n"
                + body + "    }\n}\n";
        Path file = temp.resolve(name + ".java");
        Files.writeString(file, source);
        return file;
    }
}
