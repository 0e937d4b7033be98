package io.minyi.web;

import io.minyi.platform.InvalidInputException;
import io.minyi.platform.NotFoundException;
import io.minyi.platform.RefusedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.Map;

/**
 * Turns what can go wrong with a request into a clear answer: 4xx with a message in the user's language for anything
 * the user can fix, 503 with a retry hint when the database is away, and never a stack trace.
 */
@ControllerAdvice
@RequiredArgsConstructor
class ErrorAdvice {

    private static final Logger log = LoggerFactory.getLogger(ErrorAdvice.class);

    private final MessageSource messages;

    @ExceptionHandler({NotFoundException.class, NoResourceFoundException.class})
    ModelAndView notFound(Exception e, HttpServletRequest req, HttpServletResponse res) {
        String path = req.getRequestURI();
        boolean rating = path.startsWith("/e/");
        if ((rating || path.startsWith("/t/")) && req.getHeader("HX-Request") == null
                && !String.valueOf(req.getHeader("Accept")).contains(MediaType.APPLICATION_JSON_VALUE)) {
            // A resident with a mistyped or worn code: their words, a way to try again, and no staff login.
            res.setStatus(HttpStatus.NOT_FOUND.value());
            ModelAndView page = new ModelAndView("resident-not-found");
            page.setStatus(HttpStatus.NOT_FOUND);
            page.addObject("rating", rating);
            return page;
        }
        return problem(req, res, HttpStatus.NOT_FOUND, List.of(msg("error.notFound")));
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e, HttpServletRequest req, HttpServletResponse res) {
        return problem(req, res, HttpStatus.BAD_REQUEST, e.problems().stream().map(this::msg).toList());
    }

    @ExceptionHandler(RefusedException.class)
    ModelAndView refused(RefusedException e, HttpServletRequest req, HttpServletResponse res) {
        HttpStatus status = HttpStatus.resolve(e.status());
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            // "busy, send the same form again" (the evaluation writer's queue is full or the database is slow)
            res.setHeader("Retry-After", "5");
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            res.setHeader("Retry-After", "60");
        }
        return problem(req, res, status == null ? HttpStatus.CONFLICT : status, List.of(msg(e.getMessage())));
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            HttpMessageNotReadableException.class, BindException.class, IllegalArgumentException.class})
    ModelAndView badRequest(Exception e, HttpServletRequest req, HttpServletResponse res) {
        log.debug("bad request {}: {}", req.getRequestURI(), e.getMessage());
        return problem(req, res, HttpStatus.BAD_REQUEST, List.of(msg("error.badRequest")));
    }

    /** Exceptions that always mean one status and one message; the first that matches wins (a subclass first). */
    private record Plain(Class<? extends Exception> type, HttpStatus status, String message) {
    }

    private static final List<Plain> PLAIN = List.of(
            new Plain(MaxUploadSizeExceededException.class, HttpStatus.CONTENT_TOO_LARGE, "error.tooLarge"),
            new Plain(MultipartException.class, HttpStatus.BAD_REQUEST, "error.badUpload"),
            new Plain(HttpRequestMethodNotSupportedException.class, HttpStatus.METHOD_NOT_ALLOWED, "error.method"),
            new Plain(HttpMediaTypeNotSupportedException.class, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "error.mediaType"));

    @ExceptionHandler({MaxUploadSizeExceededException.class, MultipartException.class,
            HttpRequestMethodNotSupportedException.class, HttpMediaTypeNotSupportedException.class})
    ModelAndView plain(Exception e, HttpServletRequest req, HttpServletResponse res) {
        Plain p = PLAIN.stream().filter(x -> x.type().isInstance(e)).findFirst().orElseThrow();
        return problem(req, res, p.status(), List.of(msg(p.message())));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView conflict(DataIntegrityViolationException e, HttpServletRequest req, HttpServletResponse res) {
        log.info("integrity violation on {}: {}", req.getRequestURI(), e.getMostSpecificCause().getMessage());
        return problem(req, res, HttpStatus.CONFLICT, List.of(msg("error.conflict")));
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, TransientDataAccessException.class,
            org.springframework.transaction.CannotCreateTransactionException.class,
            org.springframework.dao.DataAccessResourceFailureException.class})
    ModelAndView unavailable(Exception e, HttpServletRequest req, HttpServletResponse res) {
        log.warn("database unavailable on {}: {}", req.getRequestURI(), e.getMessage());
        res.setHeader("Retry-After", "5");
        return problem(req, res, HttpStatus.SERVICE_UNAVAILABLE, List.of(msg("error.unavailable")));
    }

    private ModelAndView problem(HttpServletRequest req, HttpServletResponse res, HttpStatus status,
                                 List<String> problems) {
        res.setStatus(status.value());
        String accept = String.valueOf(req.getHeader("Accept"));
        if (accept.contains(MediaType.APPLICATION_JSON_VALUE) || req.getRequestURI().startsWith("/api/")) {
            ModelAndView json = new ModelAndView(new org.springframework.web.servlet.view.json.JacksonJsonView());
            json.addObject("status", status.value());
            json.addObject("errors", problems);
            return json;
        }
        ModelAndView page = new ModelAndView(req.getHeader("HX-Request") != null ? "error :: problems" : "error");
        page.setStatus(status);
        page.addAllObjects(Map.of("status", status.value(), "problems", problems));
        return page;
    }

    /** Problems are message keys or already-written Chinese text; a missing key shows as itself. */
    private String msg(String keyOrText) {
        return messages.getMessage(keyOrText, null, keyOrText, LocaleContextHolder.getLocale());
    }
}
