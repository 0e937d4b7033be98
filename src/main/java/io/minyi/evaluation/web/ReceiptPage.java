package io.minyi.evaluation.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receipt every accepted rating form answers with, without a template pass per request. The template
 * {@code evaluation/receipt.html} stays the one source of the page: it is rendered by the template engine once per
 * language and clue/no-clue with placeholders for the tracking code and its path, and cut at the placeholders; a
 * receipt is then those UTF-8 pieces with the HTML-escaped values between them — byte for byte what the engine
 * renders for the same values ({@code ReceiptPageTests}).
 */
@Component
class ReceiptPage {

    static final String TEMPLATE = "evaluation/receipt";
    /** Letters and digits only, so that escaping leaves them as they are and they are found after rendering. */
    static final String CODE = "q7receiptcode7q";
    static final String PATH = "q7receiptpath7q";
    /** Languages are few, but the locale comes from a cookie anyone can set: beyond this many, render each time. */
    private static final int MAX_LOCALES = 16;

    private final ITemplateEngine engine;
    private final Map<Locale, Compiled[]> compiled = new ConcurrentHashMap<>();

    ReceiptPage(ITemplateEngine engine) {
        this.engine = engine;
        // the two languages residents use are ready before the first receipt (and before the start-up warm-up)
        compiledFor(Locale.SIMPLIFIED_CHINESE);
        compiledFor(Locale.ENGLISH);
    }

    /** Writes the complete answer: status 200, an HTML page with its length; the caller has set the other headers. */
    void write(HttpServletResponse response, Locale locale, String code, String trackingPath, boolean clue)
            throws IOException {
        byte[] body = render(locale, code, trackingPath, clue);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setLocale(locale);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    byte[] render(Locale locale, String code, String trackingPath, boolean clue) {
        return compiledFor(locale)[clue ? 1 : 0].fill(code, trackingPath);
    }

    private Compiled[] compiledFor(Locale locale) {
        Compiled[] known = compiled.get(locale);
        if (known != null) {
            return known;
        }
        Compiled[] made = {compile(locale, false), compile(locale, true)};
        if (compiled.size() < MAX_LOCALES) {
            compiled.putIfAbsent(locale, made);
        }
        return made;
    }

    private Compiled compile(Locale locale, boolean clue) {
        Context context = new Context(locale);
        context.setVariable("code", CODE);
        context.setVariable("trackingPath", PATH);
        context.setVariable("clue", clue);
        return Compiled.of(engine.process(TEMPLATE, context));
    }

    /** The page cut at its placeholders: {@code pieces[i]}, value {@code i}, {@code pieces[i + 1]}, … */
    record Compiled(byte[][] pieces, boolean[] isCode) {

        static Compiled of(String page) {
            List<byte[]> pieces = new ArrayList<>();
            List<Boolean> codes = new ArrayList<>();
            int from = 0;
            while (true) {
                int code = page.indexOf(CODE, from);
                int path = page.indexOf(PATH, from);
                int at = code < 0 ? path : path < 0 ? code : Math.min(code, path);
                if (at < 0) {
                    break;
                }
                pieces.add(page.substring(from, at).getBytes(StandardCharsets.UTF_8));
                codes.add(at == code);
                from = at + (at == code ? CODE.length() : PATH.length());
            }
            pieces.add(page.substring(from).getBytes(StandardCharsets.UTF_8));
            if (!codes.contains(true) || !codes.contains(false)) {
                throw new IllegalStateException(TEMPLATE + " must show ${code} and ${trackingPath}");
            }
            boolean[] isCode = new boolean[codes.size()];
            for (int i = 0; i < isCode.length; i++) {
                isCode[i] = codes.get(i);
            }
            return new Compiled(pieces.toArray(byte[][]::new), isCode);
        }

        byte[] fill(String code, String trackingPath) {
            byte[] c = escaped(code);
            byte[] p = escaped(trackingPath);
            ByteArrayOutputStream out = new ByteArrayOutputStream(1536);
            for (int i = 0; i < isCode.length; i++) {
                out.writeBytes(pieces[i]);
                out.writeBytes(isCode[i] ? c : p);
            }
            out.writeBytes(pieces[isCode.length]);
            return out.toByteArray();
        }

        /** As the template engine escapes text and attribute values: {@code & < > " '}, nothing else. */
        private static byte[] escaped(String value) {
            return HtmlUtils.htmlEscape(value, "UTF-8").getBytes(StandardCharsets.UTF_8);
        }
    }
}
