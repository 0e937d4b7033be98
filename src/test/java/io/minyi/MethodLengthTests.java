package io.minyi;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import org.junit.jupiter.api.Test;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: no method of src/main is longer than 60 lines, from its first annotation to its closing brace, except in
 * the data generators — the demo loaders (a class whose name has {@code Demo} in it), which write out the demo
 * city's records one after the other — and the tables named below with their reason. Measured on the compiler's own
 * syntax tree, so lambdas and anonymous classes count with the method that holds them.
 */
class MethodLengthTests {

    static final int MOST = 60;

    /** Data written as code, one line an entry: {@code File.method} and why it stays whole. */
    static final Map<String, String> TABLES = Map.of(
            "AuditActions.java.former", "the former audit action names, one line a rename; it only grows (decision 0025)");

    @Test
    void no_method_outside_the_demo_loaders_is_longer_than_sixty_lines() throws IOException {
        List<String> tooLong = new ArrayList<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<Path> sources = JavaSource.files(JavaSource.MAIN).stream()
                    .filter(p -> !p.getFileName().toString().contains("Demo")).toList();
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                LineMap lines = unit.getLineMap();
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        long first = lines.getLineNumber(positions.getStartPosition(unit, method));
                        long last = lines.getLineNumber(positions.getEndPosition(unit, method));
                        String name = Path.of(unit.getSourceFile().toUri()).getFileName() + "." + method.getName();
                        if (last - first + 1 > MOST && !TABLES.containsKey(name)) {
                            tooLong.add(name + " (" + (last - first + 1) + " lines, from line " + first + ")");
                        }
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
        assertThat(tooLong).as("methods over %d lines: split them where their steps part", MOST).isEmpty();
    }
}
