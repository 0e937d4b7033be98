package io.minyi.platform;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.support.RequestDataValueProcessor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Every form a signed-in staff member's pages render with {@code th:action} gets a hidden {@link SubmittedForms#FIELD}
 * with a token of its own, beside the CSRF token, through the same hook Spring Security uses for that one (the request data value
 * processor, which Thymeleaf asks for the hidden fields of every non-GET form). No template has to remember it.
 */
@Configuration(proxyBeanMethods = false)
class FormTokens {

    @Bean
    static BeanPostProcessor formTokensInEveryForm() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof RequestDataValueProcessor processor && !(bean instanceof WithFormToken)
                        ? new WithFormToken(processor) : bean;
            }
        };
    }

    /** The processor Spring Security set up, with the form's token added to its hidden fields. */
    record WithFormToken(RequestDataValueProcessor csrf) implements RequestDataValueProcessor {

        private static final String GET_FORM = WithFormToken.class.getName() + ".get";

        /** Asked for every form before its hidden fields, as Spring Security's processor knows a GET form. */
        @Override
        public String processAction(HttpServletRequest request, String action, String httpMethod) {
            request.setAttribute(GET_FORM, "GET".equalsIgnoreCase(httpMethod));
            return csrf.processAction(request, action, httpMethod);
        }

        @Override
        public String processFormFieldValue(HttpServletRequest request, String name, String value, String type) {
            return csrf.processFormFieldValue(request, name, value, type);
        }

        @Override
        public Map<String, String> getExtraHiddenFields(HttpServletRequest request) {
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, String> theirs = csrf.getExtraHiddenFields(request);
            if (theirs != null) {
                fields.putAll(theirs);
            }
            // a search form's fields go into its address: no token there; and the public pages (a resident's rating
            // form, read at every scan of a poster) have no staff form to take once, so they draw none
            if (!Boolean.TRUE.equals(request.getAttribute(GET_FORM)) && request.getUserPrincipal() != null) {
                fields.put(SubmittedForms.FIELD, UUID.randomUUID().toString());
            }
            return fields;
        }

        @Override
        public String processUrl(HttpServletRequest request, String url) {
            return csrf.processUrl(request, url);
        }
    }
}
