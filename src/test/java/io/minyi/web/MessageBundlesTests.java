package io.minyi.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message has its Chinese and its English text, in every bundle any module has added. */
class MessageBundlesTests {

    @Test
    void every_key_of_each_chinese_bundle_has_an_english_counterpart_and_vice_versa() throws IOException {
        Map<String, Properties> bundles = new TreeMap<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*.properties")) {
            bundles.put(r.getFilename(), load(r));
        }
        assertThat(bundles).containsKeys("common.properties", "common_en.properties", "org.properties");
        Set<String> problems = new TreeSet<>();
        bundles.forEach((file, chinese) -> {
            if (file.endsWith("_en.properties")) {
                String base = file.replace("_en.properties", ".properties");
                if (!bundles.containsKey(base)) {
                    problems.add(file + " has no Chinese bundle " + base);
                }
                return;
            }
            String en = file.replace(".properties", "_en.properties");
            Properties english = bundles.get(en);
            if (english == null) {
                problems.add(file + " has no English bundle " + en);
                return;
            }
            chinese.stringPropertyNames().stream().filter(k -> !english.containsKey(k))
                    .forEach(k -> problems.add(en + " lacks " + k));
            english.stringPropertyNames().stream().filter(k -> !chinese.containsKey(k))
                    .forEach(k -> problems.add(file + " lacks " + k));
            chinese.stringPropertyNames().stream().filter(k -> chinese.getProperty(k).isBlank())
                    .forEach(k -> problems.add(file + " has an empty " + k));
        });
        assertThat(problems).isEmpty();
    }

    /**
     * Every key Java names as a literal (getMessage, refusals, invalid-input and not-found messages) and every key a
     * template names (#{...}) has a Chinese and an English text, so neither language shows ??key?? or a stray key.
     */
    @Test
    void every_key_java_and_the_templates_name_exists_in_chinese_and_in_english() throws IOException {
        Properties chinese = new Properties();
        Properties english = new Properties();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*.properties")) {
            (r.getFilename().endsWith("_en.properties") ? english : chinese).putAll(load(r));
        }
        Map<String, String> used = new TreeMap<>();
        Pattern call = Pattern.compile(
                "\\b(?:getMessage|cityTexts\\.of|refused|InvalidInputException|RefusedException|NotFoundException|msg)\\(\\s*\"([a-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9_-]+)+)\"");
        for (Path file : io.minyi.JavaSource.files(io.minyi.JavaSource.MAIN)) {
            Matcher m = call.matcher(io.minyi.JavaSource.read(file));
            while (m.find()) {
                used.putIfAbsent(m.group(1), file.getFileName().toString());
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        Pattern expression = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9_.-]*)(?=[(}])");
        try (Stream<Path> templates = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : templates.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher m = expression.matcher(Files.readString(file));
                while (m.find()) {
                    used.putIfAbsent(m.group(1), file.getFileName().toString());
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        used.forEach((key, where) -> {
            if (!chinese.containsKey(key)) {
                missing.add(key + " (Chinese, used in " + where + ")");
            }
            if (!english.containsKey(key)) {
                missing.add(key + " (English, used in " + where + ")");
            }
        });
        assertThat(missing).isEmpty();
    }

    /**
     * A message with arguments goes through MessageFormat, where a lone apostrophe starts quoted text: "residents'
     * address (now {0})" would print "{0}" and lose the apostrophe. Such messages write it twice ('').
     */
    @Test
    void a_message_with_arguments_doubles_its_apostrophes() throws IOException {
        Set<String> problems = new TreeSet<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:messages/*.properties")) {
            Properties p = load(r);
            p.stringPropertyNames().stream()
                    .filter(k -> p.getProperty(k).matches("(?s).*\\{\\d.*") && p.getProperty(k).matches("(?s).*(?<!')'(?!').*"))
                    .forEach(k -> problems.add(r.getFilename() + " " + k));
        }
        assertThat(problems).isEmpty();
    }

    private static Properties load(Resource r) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
