package io.minyi.web;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

    private static Properties load(Resource r) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
