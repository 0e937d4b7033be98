package io.minyi.web;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.resource.AbstractResourceResolver;
import org.springframework.web.servlet.resource.PathResourceResolver;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolverChain;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Static files the cheap way (issue 14), still through Spring's own resource handler (cache headers, Last-Modified and
 * 304, ranges, path checks):
 * <ul>
 *   <li>asked first: otherwise the controllers' mapping finds no direct match for {@code /css/app.css} and tries each
 *   of the application's several hundred request mappings, pattern by pattern — a quarter of a static file's time in
 *   a flight recording. No controller serves these paths, so no answer changes;</li>
 *   <li>kept in memory once read: from the jar, each request opened the jar entry twice (its date, its bytes) and
 *   inflated it again — half of what was left;</li>
 *   <li>not observed: nobody reads {@code http.server.requests} timings of a stylesheet; pages keep theirs.</li>
 * </ul>
 * Paths with encoded characters or path parameters take the ordinary route (Spring Boot's handler, unchanged).
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetsFirst {

    /** The static paths of {@link SecurityConfiguration#STATIC_PATHS} that live in {@code classpath:/static/}. */
    private static final String[] OWN = {"/css/", "/js/", "/img/"};

    @Bean
    ResourceHttpRequestHandler staticFiles(@Value("${spring.web.resources.cache.cachecontrol.max-age:7d}") Duration maxAge) {
        ResourceHttpRequestHandler handler = new ResourceHttpRequestHandler();
        handler.setLocations(List.of(new ClassPathResource("static/")));
        handler.setResourceResolvers(List.of(new KeptInMemory(), new PathResourceResolver()));
        handler.setCacheControl(CacheControl.maxAge(maxAge));
        return handler;
    }

    @Bean
    HandlerMapping staticAssetsFirstMapping(ResourceHttpRequestHandler staticFiles,
                                            @Qualifier("resourceHandlerMapping") HandlerMapping resources) {
        return new First(staticFiles, resources);
    }

    @Bean
    ObservationPredicate staticFilesUnobserved() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && isStatic(server.getCarrier().getRequestURI()));
    }

    static boolean isStatic(String uri) {
        return isOwn(uri) || uri.startsWith("/webjars/");
    }

    private static boolean isOwn(String uri) {
        if ("/favicon.ico".equals(uri)) {
            return true;
        }
        for (String prefix : OWN) {
            if (uri.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @RequiredArgsConstructor
    static final class First implements HandlerMapping, Ordered {
        private final ResourceHttpRequestHandler staticFiles;
        private final HandlerMapping resources;

        @Override
        public @Nullable HandlerExecutionChain getHandler(HttpServletRequest request) throws Exception {
            String uri = request.getRequestURI();
            if (!isStatic(uri) || !request.getContextPath().isEmpty() || uri.indexOf('%') >= 0 || uri.indexOf(';') >= 0) {
                return null;
            }
            if (uri.startsWith("/webjars/")) {
                return resources.getHandler(request);
            }
            request.setAttribute(PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, uri.substring(1));
            return new HandlerExecutionChain(staticFiles);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** Files of the jar never change while it runs: read once, then served from memory. Misses are not kept. */
    static final class KeptInMemory extends AbstractResourceResolver {
        private static final long MAX_FILE = 1024 * 1024;
        private static final int MAX_FILES = 1000;
        private final ConcurrentHashMap<String, Resource> files = new ConcurrentHashMap<>();

        @Override
        protected @Nullable Resource resolveResourceInternal(@Nullable HttpServletRequest request, String path,
                                                             List<? extends Resource> locations, ResourceResolverChain chain) {
            Resource kept = files.get(path);
            if (kept != null) {
                return kept;
            }
            Resource found = chain.resolveResource(request, path, locations);
            if (found == null || files.size() >= MAX_FILES) {
                return found;
            }
            try {
                if (found.contentLength() > MAX_FILE) {
                    return found;
                }
                kept = new Kept(found.getContentAsByteArray(), found.getFilename(), found.lastModified(),
                        found.getDescription());
            } catch (IOException e) {
                return found;
            }
            files.putIfAbsent(path, kept);
            return kept;
        }

        @Override
        protected @Nullable String resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
                                                          ResourceResolverChain chain) {
            return chain.resolveUrlPath(resourceUrlPath, locations);
        }
    }

    /** A file's bytes with the name (for its media type) and date (for Last-Modified and 304) of the original. */
    static final class Kept extends ByteArrayResource {
        private final @Nullable String filename;
        private final long lastModified;

        Kept(byte[] bytes, @Nullable String filename, long lastModified, String description) {
            super(bytes, description);
            this.filename = filename;
            this.lastModified = lastModified;
        }

        @Override
        public @Nullable String getFilename() {
            return filename;
        }

        @Override
        public long lastModified() {
            return lastModified;
        }
    }
}
