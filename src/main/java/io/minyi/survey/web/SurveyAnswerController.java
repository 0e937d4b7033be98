package io.minyi.survey.web;

import io.minyi.platform.InvalidInputException;
import io.minyi.survey.internal.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import lombok.RequiredArgsConstructor;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The resident's personal survey link: a plain form that works on any phone without JavaScript. A wrong answer keeps
 * what was filled in and says what to fix; an unknown link is told in resident words.
 */
@Controller
@RequiredArgsConstructor
class SurveyAnswerController {

    private final Responses responses;
    private final MessageSource messages;

    @GetMapping("/public/s/{token}")
    String form(@PathVariable String token, Model model, HttpServletResponse res) {
        return show(token, model, res);
    }

    @PostMapping("/public/s/{token}")
    String submit(@PathVariable String token, HttpServletRequest request, Model model, HttpServletResponse res) {
        try {
            responses.submit(token, request.getParameterMap());
        } catch (InvalidInputException e) {
            res.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problems", e.problems().stream()
                    .map(p -> messages.getMessage(p, null, p, LocaleContextHolder.getLocale())).toList());
            model.addAttribute("given", request.getParameterMap());
            return show(token, model, res);
        }
        return "redirect:/public/s/" + token;
    }

    private String show(String token, Model model, HttpServletResponse res) {
        try {
            model.addAttribute("form", responses.open(token));
        } catch (io.minyi.platform.NotFoundException e) {
            res.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "survey/unknown";
        }
        model.addAttribute("token", token);
        return "survey/answer";
    }
}
