package io.minyi.org.web;

import org.springframework.web.util.UriComponentsBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/** Links of a filtered list (its pages and its export) that keep the current filter. */
record ListLinks(String path, Map<String, Object> filter) {

    static ListLinks of(String path, Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v != null && !String.valueOf(v).isBlank()) {
                map.put((String) keyValues[i], v);
            }
        }
        return new ListLinks(path, map);
    }

    public String page(int page) {
        return build(path).queryParam("page", page).encode().build().toUriString();
    }

    public String export() {
        return build(path + "/export").encode().build().toUriString();
    }

    private UriComponentsBuilder build(String target) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(target);
        filter.forEach(b::queryParam);
        return b;
    }
}
