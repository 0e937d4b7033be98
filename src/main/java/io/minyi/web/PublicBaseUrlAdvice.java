package io.minyi.web;

import io.minyi.platform.PublicBaseUrl;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every staff page knows where residents' links point, so the layout can warn administrators while it is unusable. */
@ControllerAdvice
class PublicBaseUrlAdvice {

    private final PublicBaseUrl publicBaseUrl;

    PublicBaseUrlAdvice(PublicBaseUrl publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    @ModelAttribute("publicBaseUrl")
    PublicBaseUrl publicBaseUrl() {
        return publicBaseUrl;
    }
}
