package io.minyi.integration;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The official GeoReport v2 JSON schemas (vendored under src/test/resources/open311), as assertions. */
final class GeoReportSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GeoReportSchemas() {
    }

    static JsonNode assertValid(String schemaFile, String body) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:open311/georeport-v2/" + schemaFile));
        JsonNode node = JSON.readTree(body);
        List<Error> errors = schema.validate(node);
        assertThat(errors).as(schemaFile + " against " + body).isEmpty();
        return node;
    }

    static List<Error> errors(String schemaFile, String body) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:open311/georeport-v2/" + schemaFile));
        return schema.validate(JSON.readTree(body));
    }
}
