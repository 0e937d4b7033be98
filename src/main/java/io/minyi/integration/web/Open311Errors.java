package io.minyi.integration.web;

import io.minyi.integration.internal.Open311Problem;
import io.minyi.integration.web.Open311Output.Format;
import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.RefusedException;
import jakarta.servlet.http.HttpServletRequest;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** Open311 answers every error as the specification's list of {@code {code, description}}, never as a page. */
@RestControllerAdvice(assignableTypes = Open311Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
@RequiredArgsConstructor
class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    private final MessageSource messages;

    @ExceptionHandler(Open311Problem.class)
    ResponseEntity<String> problem(Open311Problem p, HttpServletRequest req) {
        return write(req, p.status(), text(p.messageKey(), p.args()));
    }

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<String> invalid(InvalidInputException e, HttpServletRequest req) {
        return write(req, 400, String.join("；", e.problems().stream().map(k -> text(k)).toList()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> notFound(NotFoundException e, HttpServletRequest req) {
        return write(req, 404, text("integration.open311.notFound"));
    }

    @ExceptionHandler(RefusedException.class)
    ResponseEntity<String> refused(RefusedException e, HttpServletRequest req) {
        return write(req, 400, text(e.getMessage()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> mediaType(Exception e, HttpServletRequest req) {
        return write(req, 400, text("integration.open311.form"));
    }

    @ExceptionHandler(org.springframework.dao.TransientDataAccessException.class)
    ResponseEntity<String> busy(Exception e, HttpServletRequest req) {
        log.warn("Open311 call failed for a transient reason: {}", e.toString());
        return write(req, 503, text("integration.open311.busy"));
    }

    /** Whatever else went wrong is ours, but the client still gets the format it can read. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<String> unexpected(RuntimeException e, HttpServletRequest req) {
        log.error("Open311 call {} failed", req.getRequestURI(), e);
        return write(req, 500, text("integration.open311.busy"));
    }

    /** The same answers for {@link Open311PostMapping}'s lean path, which controller advice does not reach. */
    ResponseEntity<String> answer(RuntimeException e, HttpServletRequest req) {
        return switch (e) {
            case Open311Problem p -> problem(p, req);
            case InvalidInputException i -> invalid(i, req);
            case NotFoundException n -> notFound(n, req);
            case RefusedException r -> refused(r, req);
            case org.springframework.dao.TransientDataAccessException t -> busy(t, req);
            default -> unexpected(e, req);
        };
    }

    private ResponseEntity<String> write(HttpServletRequest req, int status, String description) {
        Format f = req.getRequestURI().endsWith(".xml") ? Format.XML : Format.JSON;
        return Open311Output.write(status, f, "errors",
                List.of(Open311Controller.map("code", status, "description", description)));
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
