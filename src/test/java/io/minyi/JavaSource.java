package io.minyi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the string literals of a Java file as the compiler sees them: comments skipped, {@code \\uXXXX} and the
 * usual escapes decoded, text blocks included. Enough of a lexer for tests that look at what Java renders.
 */
public final class JavaSource {

    public static final Path MAIN = Path.of("src/main/java");

    /** A literal and the line it starts on. */
    public record Literal(int line, String text) {
    }

    private JavaSource() {
    }

    public static List<Path> files(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Literal> literals(String src) {
        List<Literal> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                line += count(src, i, end);
                i = end;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != '\'') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, unescape(src.substring(i + 1, Math.min(j, n)))));
                i = j + 1;
            } else if (c == '"' && src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, unescape(src.substring(i + 3, Math.min(j, n)))));
                line += count(src, i, Math.min(j, n));
                i = j + 3;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && src.charAt(j) != '"' && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.add(new Literal(line, unescape(src.substring(i + 1, Math.min(j, n)))));
                i = j + 1;
            } else {
                i++;
            }
        }
        return out;
    }

    /** True when the text holds a Han character (CJK ideographs, their extensions and compatibility forms). */
    public static boolean hasCjk(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    private static int count(String s, int from, int to) {
        int k = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\n') {
                k++;
            }
        }
        return k;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            if (e == 'u') {
                while (i < s.length() && s.charAt(i) == 'u') {
                    i++;
                }
                if (i + 4 <= s.length()) {
                    try {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException x) {
                        b.append(s, i, i + 4);
                    }
                }
                i += 3;
            } else {
                b.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 's' -> ' ';
                    default -> e;
                });
            }
        }
        return b.toString();
    }
}
