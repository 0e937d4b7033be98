package io.minyi.platform;

import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events into the publication registry as Spring Modulith's own Jackson serializer does (the application's
 * {@code JsonMapper}, else one with every Jackson module of the context), but looks the mapper up once: Modulith's
 * asks the bean factory for it on every event, and resolving that dependency was a fifth of the registry's cost on
 * the request thread of an Open311 POST, about as much as Jackson writing the event (issue 11, decision 0046).
 * Replacing Modulith's serializer (it backs off when one exists) keeps the stored JSON the same.
 *
 * <p>An event is written once, not once per listener: Modulith's registry stores one row per listener of an event and
 * serialises the event for each (a new case's {@code CaseReceived}: two or three times, half of the registry's cost
 * on the request thread; decision 0053). The last event a thread wrote is remembered with its JSON and, when the same
 * instance comes again, its JSON is reused. Only records (our events: enums and ids, never changed after they are
 * made) are remembered, by identity, and only the last one per thread.
 */
@Component
@RequiredArgsConstructor
class EventPublicationSerializer implements EventSerializer {

    private final ObjectProvider<JsonMapper> mappers;
    private final ApplicationContext context;
    private final ThreadLocal<Written> last = new ThreadLocal<>();
    private volatile @Nullable JsonMapper mapper;

    private record Written(Object event, String json) {
    }

    @Override
    public Object serialize(Object event) {
        Written w = last.get();
        if (w != null && w.event() == event) {
            return w.json();
        }
        String json = mapper().writeValueAsString(event);
        if (event instanceof Record) {
            last.set(new Written(event, json));
        }
        return json;
    }

    @Override
    public <T> T deserialize(Object serialized, Class<T> type) {
        return mapper().readerFor(type).readValue(serialized.toString());
    }

    private JsonMapper mapper() {
        JsonMapper m = mapper;
        if (m == null) {
            m = mappers.getIfAvailable(() -> JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                    .addModules(context.getBeansOfType(JacksonModule.class).values()).build());
            mapper = m;
        }
        return m;
    }
}
