package io.minyi.integration.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes GeoReport v2 documents in the two formats the specification defines, from one tree of ordered maps and
 * lists: JSON as is, XML with the specification's element names (a list is wrapped in its plural name and each item
 * takes the singular one). Times are W3C date-times with the offset of the city's clock.
 */
final class Open311Output {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();
    private static final Map<String, String> SINGULAR = Map.of(
            "services", "service", "service_requests", "request", "attributes", "attribute", "values", "value",
            "errors", "error", "service_requests_updates", "request_update", "service_request_updates",
            "request_update", "endpoints", "endpoint", "formats", "format");

    enum Format {
        JSON, XML;

        static Format of(String ext) {
            return "xml".equalsIgnoreCase(ext) ? XML : "json".equalsIgnoreCase(ext) ? JSON : null;
        }
    }

    private Open311Output() {
    }

    static String time(Instant at, ZoneId zone) {
        return at == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at.atZone(zone).withNano(0));
    }

    /**
     * @param root  the XML root element (JSON has none)
     * @param body  a list (JSON array, XML items named after the root's singular) or a map (one object)
     */
    static ResponseEntity<String> write(int status, Format format, String root, Object body) {
        String text = format == Format.XML ? xml(root, body) : JSON.writeValueAsString(body);
        return ResponseEntity.status(status)
                .header(HttpHeaders.CONTENT_TYPE, (format == Format.XML ? MediaType.APPLICATION_XML
                        : MediaType.APPLICATION_JSON).toString() + ";charset=UTF-8")
                .body(text);
    }

    private static String xml(String root, Object body) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            element(w, root, body);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null) {
            w.writeEmptyElement(name);
            return;
        }
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                element(w, String.valueOf(e.getKey()), e.getValue());
            }
        } else if (value instanceof List<?> l) {
            String item = SINGULAR.getOrDefault(name, "item");
            for (Object o : l) {
                element(w, item, o);
            }
        } else {
            w.writeCharacters(String.valueOf(value));
        }
        w.writeEndElement();
    }
}
