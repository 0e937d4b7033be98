package io.minyi.grid.web;

import io.minyi.grid.GridFigures;
import io.minyi.grid.internal.Boundaries;
import io.minyi.grid.internal.GridCentre;
import io.minyi.grid.internal.GridEvents;
import io.minyi.grid.internal.GridHome;
import io.minyi.grid.internal.GridPosts;
import io.minyi.grid.internal.GridScope;
import io.minyi.grid.internal.RecordVisit;
import io.minyi.org.GridDirectory.GridRef;
import io.minyi.org.StaffUser;
import lombok.RequiredArgsConstructor;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The township centre's page (乡镇综治中心): events of its grids, workers' activity, the map, and the imports. */
@Controller
@PreAuthorize("hasAnyRole('DISPATCHER','SUPERVISOR','LEADER','ADMIN')")
@RequiredArgsConstructor
class GridCentreController {

    private final GridScope scope;
    private final GridEvents events;
    private final GridHome home;
    private final GridCentre centre;
    private final GridFigures figures;
    private final Boundaries boundaries;
    private final Clock clock;
    private final GridPosts posts;

    @GetMapping("/grid/centre")
    String centre(@AuthenticationPrincipal StaffUser me, @RequestParam(defaultValue = "false") boolean open,
                  Model model) {
        List<GridRef> grids = scope.visible(me);
        Map<Long, String> withBoundary = boundaries.of(grids.stream().map(GridRef::id).toList());
        LocalDate today = LocalDate.now(clock.withZone(RecordVisit.CHINA));
        model.addAttribute("me", me);
        model.addAttribute("open", open);
        model.addAttribute("figures", figures.within(me.jurisdictionPath(), today.minusDays(29), today));
        model.addAttribute("reports", home.withProgress(events.inScope(scope.scope(me), open, 50)));
        model.addAttribute("workers", centre.activity(me));
        model.addAttribute("postKinds", GridPosts.all());
        model.addAttribute("gridCount", grids.size());
        model.addAttribute("withoutBoundary", grids.stream().filter(g -> !withBoundary.containsKey(g.id())).toList());
        return "grid/centre";
    }

    /** The map's data: boundaries as a FeatureCollection and the last 90 days' located events. */
    @GetMapping(value = "/grid/centre/map.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> map(@AuthenticationPrincipal StaffUser me) {
        List<GridRef> grids = scope.visible(me);
        Map<Long, GridRef> byId = grids.stream().collect(Collectors.toMap(GridRef::id, Function.identity()));
        Map<Long, String> shapes = boundaries.of(grids.stream().map(GridRef::id).toList());
        StringBuilder json = new StringBuilder("{\"boundaries\":{\"type\":\"FeatureCollection\",\"features\":[");
        String sep = "";
        for (var e : shapes.entrySet()) {
            GridRef g = byId.get(e.getKey());
            json.append(sep).append("{\"type\":\"Feature\",\"geometry\":").append(e.getValue())
                    .append(",\"properties\":{\"id\":").append(g.id()).append(",\"code\":").append(str(g.code()))
                    .append(",\"name\":").append(str(g.name())).append("}}");
            sep = ",";
        }
        json.append("]},\"points\":[");
        sep = "";
        for (GridEvents.Point p : events.points(scope.scope(me), clock.instant().minus(Duration.ofDays(90)), 5000)) {
            json.append(sep).append("{\"id\":").append(p.id()).append(",\"lat\":").append(p.lat())
                    .append(",\"lon\":").append(p.lon()).append(",\"category\":").append(str(p.categoryLabel()))
                    .append(",\"open\":").append(p.open()).append("}");
            sep = ",";
        }
        json.append("]}");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .body(json.toString());
    }

    @PostMapping("/grid/centre/boundaries")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String importBoundaries(@AuthenticationPrincipal StaffUser me, @RequestParam("file") MultipartFile file,
                            RedirectAttributes flash) throws IOException {
        var result = boundaries.importGeoJson(file.getBytes(), byCode(me), me.getUsername());
        flash.addFlashAttribute("imported", result.stored());
        flash.addFlashAttribute("unknownCodes", result.unknownCodes());
        return "redirect:/grid/centre";
    }

    /** 网格长 / 专职 / 兼职 of one worker in one grid. */
    @PostMapping("/grid/centre/posts")
    @PreAuthorize("hasAnyRole('DISPATCHER','ADMIN')")
    String setPost(@AuthenticationPrincipal StaffUser me, @RequestParam long gridId, @RequestParam long staffId,
                   @RequestParam GridPosts.Post post, RedirectAttributes flash) {
        posts.set(me, gridId, staffId, post);
        flash.addFlashAttribute("postSet", true);
        return "redirect:/grid/centre";
    }

    private Map<String, GridRef> byCode(StaffUser me) {
        Map<String, GridRef> out = new LinkedHashMap<>();
        for (GridRef g : scope.visible(me)) {
            out.put(g.code(), g);
        }
        return out;
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

}
