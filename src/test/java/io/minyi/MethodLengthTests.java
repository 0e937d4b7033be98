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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: no method of src/main is longer than 60 lines, from its first annotation to its closing brace, except in
 * the data generators — the demo loaders (a class whose name has {@code Demo} in it), which write out the demo
 * city's records one after the other — and the methods named below with their reason. Measured on the compiler's own
 * syntax tree, so lambdas and anonymous classes count with the method that holds them.
 */
class MethodLengthTests {

    static final int MOST = 60;

    /** Methods that stay whole, {@code File.java.method}, with the reason. */
    static final Map<String, String> WHOLE = Map.of(
            "AuditActions.java.former", "a table: the former audit action names, one line a rename; it only grows "
                    + "(decision 0025)");

    @Test
    void no_method_outside_the_demo_loaders_is_longer_than_sixty_lines() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>(lengths());
        tooLong.values().removeIf(lines -> lines <= MOST);
        tooLong.keySet().removeIf(method -> method.substring(0, method.indexOf(".java")).contains("Demo")
                || WHOLE.containsKey(method));
        assertThat(tooLong).as("methods over %d lines (lines each): split them where their steps part", MOST).isEmpty();
    }

    /** The measure itself: what the rule lets pass (a demo loader, a named method) is as long as it looks. */
    @Test
    void the_measure_counts_a_long_demo_loader_as_long() throws IOException {
        Map<String, Long> lengths = lengths();
        assertThat(lengths.get("CaseworkDemo.java.run")).isGreaterThan(MOST);
        assertThat(lengths.get("AuditActions.java.former")).isGreaterThan(MOST);
    }

    /** Every method of src/main, as {@code File.java.method}, with its length in lines (the longest of a name). */
    static Map<String, Long> lengths() throws IOException {
        Map<String, Long> lengths = new TreeMap<>();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(JavaSource.files(JavaSource.MAIN)));
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                LineMap lines = unit.getLineMap();
                String file = Path.of(unit.getSourceFile().toUri()).getFileName().toString();
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        long first = lines.getLineNumber(positions.getStartPosition(unit, method));
                        long last = lines.getLineNumber(positions.getEndPosition(unit, method));
                        lengths.merge(file + "." + method.getName(), last - first + 1, Math::max);
                        return super.visitMethod(method, unused);
                    }
                }.scan(unit, null);
            }
        }
        return lengths;
    }
}
