package io.minyi.web;

import io.minyi.org.StaffTodos;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

@Controller
@RequiredArgsConstructor
class HomeController {

    private final ObjectProvider<StaffTodos> todoSources;

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** The home page is the person's to-do list: every module's queues for this role, counted, each a link. */
    @GetMapping("/")
    String home(@AuthenticationPrincipal StaffUser me, Model model) {
        if (me.roles().equals(java.util.EnumSet.of(io.minyi.org.Role.MEDIATOR))) {
            return "redirect:/mediation"; // a mediator's home is the mediation workbench
        }
        List<StaffTodos.Todo> todos = todoSources.orderedStream().flatMap(s -> s.todosFor(me).stream()).toList();
        model.addAttribute("me", me);
        model.addAttribute("todos", todos);
        return "home";
    }
}
