package io.minyi.web;

import io.minyi.platform.NotFoundException;
import io.minyi.platform.TrackedItems;
import io.minyi.platform.TrackingCode;
import lombok.RequiredArgsConstructor;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import org.springframework.beans.factory.ObjectProvider;

/** The resident's tracking page: one address for everything they raised, whichever module holds it. */
@Controller
@RequiredArgsConstructor
class TrackingController {

    private final ObjectProvider<TrackedItems> modules;

    @GetMapping("/t")
    ModelAndView lookup(@RequestParam(name = "code", required = false) String code) {
        if (code == null || code.isBlank()) {
            return new ModelAndView("tracking-lookup");
        }
        return TrackingCode.parse(code)
                .map(c -> new ModelAndView("redirect:/t/" + c.value()))
                .orElseGet(() -> new ModelAndView("tracking-lookup", "invalid", true));
    }

    @GetMapping("/t/{code}")
    ModelAndView show(@PathVariable String code) {
        TrackingCode parsed = TrackingCode.parse(code).orElseThrow(() -> new NotFoundException("tracking code"));
        for (TrackedItems module : modules.orderedStream().toList()) {
            var view = module.find(parsed);
            if (view.isPresent()) {
                return new ModelAndView(view.get().viewName(), view.get().model());
            }
        }
        throw new NotFoundException("tracking code");
    }
}
