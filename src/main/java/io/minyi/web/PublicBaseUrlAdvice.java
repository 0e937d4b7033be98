package io.minyi.web;

import io.minyi.platform.PublicBaseUrl;
import lombok.RequiredArgsConstructor;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every staff page knows where residents' links point, so the layout can warn administrators while it is unusable. */
@ControllerAdvice
@RequiredArgsConstructor
class PublicBaseUrlAdvice {

    private final PublicBaseUrl publicBaseUrl;

    @ModelAttribute("publicBaseUrl")
    PublicBaseUrl publicBaseUrl() {
        return publicBaseUrl;
    }
}
