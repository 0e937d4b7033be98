package io.minyi.integration.web;

import io.minyi.integration.internal.HotlineDesk;
import io.minyi.integration.internal.HotlineProblem;
import io.minyi.integration.simulator.HotlineSignature;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The 12345 platform's way in (docs/integration-12345.md): signed JSON, answered in JSON. */
@RestController
@RequestMapping(path = "/integration/12345/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@RequiredArgsConstructor
class HotlineController {

    private final HotlineDesk desk;
    private final MessageSource messages;

    @PostMapping("/orders")
    ResponseEntity<Map<String, Object>> order(
            @RequestHeader(name = HotlineSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = HotlineSignature.SIGNATURE_HEADER, required = false) String signature,
            @RequestBody(required = false) String body) {
        HotlineDesk.OrderReceipt r = desk.receiveOrder(timestamp, signature, body == null ? "" : body);
        return ResponseEntity.status(r.created() ? 201 : 200).body(Map.of("order_no", r.orderNo(),
                "minyi_id", r.trackingCode(), "status", "RECEIVED"));
    }

    @PostMapping("/results")
    ResponseEntity<Map<String, Object>> result(
            @RequestHeader(name = HotlineSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = HotlineSignature.SIGNATURE_HEADER, required = false) String signature,
            @RequestBody(required = false) String body) {
        String forwardNo = desk.receiveResult(timestamp, signature, body == null ? "" : body);
        return ResponseEntity.ok(Map.of("forward_no", forwardNo, "status", "RECORDED"));
    }

    @ExceptionHandler(HotlineProblem.class)
    ResponseEntity<Map<String, Object>> problem(HotlineProblem p) {
        return ResponseEntity.status(p.status()).contentType(MediaType.APPLICATION_JSON).body(Map.of(
                "error", p.code(), "message",
                messages.getMessage(p.messageKey(), null, p.code(), LocaleContextHolder.getLocale())));
    }
}
